//! Distances between schools: `distances.csv` where it gives the pair,
//! otherwise great-circle km times the policy's road factor.

use super::{Dataset, SchoolIx};

/// Mean Earth radius (IUGG), km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

pub(crate) struct Distances<'a> {
    dataset: &'a Dataset,
    road_factor: f64,
}

impl<'a> Distances<'a> {
    pub(crate) fn new(dataset: &'a Dataset, road_factor: f64) -> Self {
        Distances {
            dataset,
            road_factor,
        }
    }

    /// Road km from `a` to `b`, or `None` when neither `distances.csv` nor
    /// both schools' coordinates say.
    pub(crate) fn km(&self, a: SchoolIx, b: SchoolIx) -> Option<f64> {
        if a == b {
            return Some(0.0);
        }
        if let Some(&km) = self.dataset.distance_overrides.get(&(a, b)) {
            return Some(km);
        }
        let (from, to) = (
            self.dataset.schools[a].location?,
            self.dataset.schools[b].location?,
        );
        Some(great_circle_km(from, to) * self.road_factor)
    }
}

/// Haversine distance between two (lat, lon) points in degrees.
pub(crate) fn great_circle_km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let d_phi = (lat2 - lat1).to_radians();
    let d_lambda = (lon2 - lon1).to_radians();
    let h = (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_degree_of_latitude_is_about_111_km() {
        let km = great_circle_km((30.0, 110.0), (31.0, 110.0));
        assert!((km - 111.2).abs() < 0.1, "{km}");
    }
}
