//! Where a county's schools are and how they are organised: the county town
//! (县城) with its urban schools, towns (镇) with town schools, villages with
//! rural schools and teaching points (教学点), education groups, weak
//! schools, dormitory beds and the odd mountain road.
//!
//! Distances are laid out so that every distance rule bites: urban schools
//! sit within ~3 km of the county centre, towns 10–35 km out, villages across
//! a ~60 x 60 km square. With the default road factor 1.3 some hosts are a
//! commute (<= 25 km), many need a bed (25–80 km) and a few, across the
//! county or behind a mountain, are out of reach (> 80 km).

use rand::seq::SliceRandom;
use rand::Rng;

use super::names;
use super::Ids;
use crate::domain::geo::great_circle_km;
use crate::domain::{Area, GroupRole, School, SchoolIx};

/// What kind of site a school is; it decides size, staffing pattern and beds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Site {
    Urban,
    Town,
    Rural,
    /// 教学点: a village teaching point with a handful of teachers.
    TeachingPoint,
}

/// A school as planned, before its staff exists.
#[derive(Clone, Debug)]
pub(crate) struct PlannedSchool {
    pub(crate) school: School,
    pub(crate) site: Site,
    /// Posts the school's enrolment calls for (before per-subject minimums).
    pub(crate) size: usize,
}

/// The schools of one county and the road distances that differ from the
/// great-circle estimate.
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    pub(crate) schools: Vec<PlannedSchool>,
    /// (from, to, km): a mountain road much longer than the road factor says.
    pub(crate) distance_overrides: Vec<(SchoolIx, SchoolIx, f64)>,
}

/// How many schools of each site a county of `schools` schools has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Mix {
    pub(crate) urban: usize,
    pub(crate) town: usize,
    pub(crate) towns: usize,
    pub(crate) rural: usize,
    pub(crate) teaching_points: usize,
}

impl Mix {
    pub(crate) fn for_schools(schools: usize) -> Mix {
        let share = |f: f64| (f * schools as f64).round() as usize;
        let urban = share(0.18).max(1).min(schools);
        let town = share(0.25).min(schools - urban);
        let teaching_points = share(0.15).min(schools - urban - town);
        let rural = schools - urban - town - teaching_points;
        Mix {
            urban,
            town,
            towns: town.div_ceil(2),
            rural,
            teaching_points,
        }
    }

    /// Upper bound on the groups of one county: half the urban schools and
    /// every town's central school lead one.
    pub(crate) fn max_groups(&self) -> usize {
        self.urban.div_ceil(2) + self.towns
    }
}

/// A point `east_km`, `north_km` from `(lat, lon)`.
fn offset((lat, lon): (f64, f64), east_km: f64, north_km: f64) -> (f64, f64) {
    const KM_PER_DEGREE: f64 = 111.195;
    let lat2 = lat + north_km / KM_PER_DEGREE;
    let lon2 = lon + east_km / (KM_PER_DEGREE * lat.to_radians().cos());
    (lat2, lon2)
}

/// A point at a random bearing, `min_km..max_km` from `centre`.
fn around<R: Rng>(rng: &mut R, centre: (f64, f64), min_km: f64, max_km: f64) -> (f64, f64) {
    let r = rng.gen_range(min_km..=max_km);
    let bearing = rng.gen_range(0.0..std::f64::consts::TAU);
    offset(centre, r * bearing.cos(), r * bearing.sin())
}

/// A random point of the county's square, at least `min_km` from its centre.
fn in_square<R: Rng>(rng: &mut R, centre: (f64, f64), half_km: f64, min_km: f64) -> (f64, f64) {
    loop {
        let (x, y) = (
            rng.gen_range(-half_km..=half_km),
            rng.gen_range(-half_km..=half_km),
        );
        if x.hypot(y) >= min_km {
            return offset(centre, x, y);
        }
    }
}

/// Six-decimal degrees (~0.1 m): what a GIS export gives, and what the
/// CSV will carry, so distances computed here match those of a loader.
fn rounded((lat, lon): (f64, f64)) -> (f64, f64) {
    let r = |v: f64| (v * 1e6).round() / 1e6;
    (r(lat), r(lon))
}

fn weighted<R: Rng>(rng: &mut R, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut u = rng.gen_range(0.0..total);
    for (i, w) in weights.iter().enumerate() {
        if u < *w {
            return i;
        }
        u -= w;
    }
    weights.len() - 1
}

/// Lays out county number `county_ix` (its name `county`).
pub(crate) fn lay_out<R: Rng>(
    rng: &mut R,
    ids: &Ids,
    county_ix: usize,
    county: &str,
    schools_per_county: usize,
    teachers_per_school: usize,
    next_group: &mut usize,
) -> Layout {
    let mix = Mix::for_schools(schools_per_county);
    let centre = (rng.gen_range(25.0..35.0), rng.gen_range(105.0..118.0));
    let seat = county.trim_end_matches('县');
    let mut planned: Vec<PlannedSchool> = Vec::with_capacity(schools_per_county);
    let push = |planned: &mut Vec<PlannedSchool>, name: String, site: Site, at, size| {
        let area = match site {
            Site::Urban => Area::Urban,
            Site::Town => Area::Town,
            Site::Rural | Site::TeachingPoint => Area::Rural,
        };
        planned.push(PlannedSchool {
            school: School {
                location: Some(rounded(at)),
                ..School::new(
                    ids.school(county_ix, planned.len()),
                    name,
                    county.to_string(),
                    area,
                )
            },
            site,
            size,
        });
    };

    // Relative sizes; scaled below so the county averages
    // `teachers_per_school`. Urban schools are big, village schools small.
    for i in 0..mix.urban {
        let name = match i {
            0 => format!("{seat}县实验小学"),
            _ => format!("{seat}县第{}小学", names::numeral(i)),
        };
        let at = around(rng, centre, 0.3, 3.0);
        let weight = rng.gen_range(150..=210);
        push(&mut planned, name, Site::Urban, at, weight);
    }
    let towns: Vec<(String, (f64, f64))> = (0..mix.towns)
        .map(|k| {
            // Spread towns round the compass so they are not all on one side.
            let bearing =
                std::f64::consts::TAU * (k as f64 + rng.gen_range(0.0..0.6)) / mix.towns as f64;
            let r = rng.gen_range(10.0..35.0);
            let at = offset(centre, r * bearing.cos(), r * bearing.sin());
            (names::place(rng), at)
        })
        .collect();
    for i in 0..mix.town {
        let (town, town_at) = &towns[i % mix.towns];
        let nth = i / mix.towns;
        let name = match nth {
            0 => format!("{town}镇中心小学"),
            _ => format!("{town}镇第{}小学", names::numeral(nth + 1)),
        };
        let at = around(rng, *town_at, 0.2, 1.5);
        let weight = rng.gen_range(90..=130);
        push(&mut planned, name, Site::Town, at, weight);
    }
    for _ in 0..mix.rural {
        let name = format!("{}村小学", names::place(rng));
        let at = in_square(rng, centre, 30.0, 5.0);
        let weight = rng.gen_range(45..=80);
        push(&mut planned, name, Site::Rural, at, weight);
    }
    for i in 0..mix.teaching_points {
        let name = format!("{}教学点", names::place(rng));
        // The first teaching point is up in the mountains, beyond the square.
        let at = if i == 0 {
            around(rng, centre, 45.0, 52.0)
        } else {
            in_square(rng, centre, 30.0, 8.0)
        };
        // The second is the smallest: three or four teachers, so the rule
        // that lets a school of five or more send one never applies to it.
        let posts = if i == 1 {
            rng.gen_range(2..=3)
        } else {
            rng.gen_range(4..=10)
        };
        push(&mut planned, name, Site::TeachingPoint, at, posts);
    }

    scale_sizes(&mut planned, schools_per_county * teachers_per_school);
    form_groups(rng, ids, &mut planned, next_group);
    flag_weak(rng, &mut planned);
    assign_beds_and_priority(rng, &mut planned);
    let distance_overrides = mountain_roads(&planned);
    Layout {
        schools: planned,
        distance_overrides,
    }
}

/// Scales urban, town and rural sizes (teaching points keep theirs) so the
/// county has about `target` teachers. Posts are not teachers: village
/// schools leave some posts open and teaching points many (see `posts`), so
/// each site's size counts by the share of its posts it typically fills.
fn scale_sizes(planned: &mut [PlannedSchool], target: usize) {
    let filled = |site: Site| match site {
        Site::Urban | Site::Town => 1.0,
        Site::Rural => 0.92,
        Site::TeachingPoint => 0.7,
    };
    let fixed: f64 = planned
        .iter()
        .filter(|p| p.site == Site::TeachingPoint)
        .map(|p| p.size as f64 * filled(p.site))
        .sum();
    let weights: f64 = planned
        .iter()
        .filter(|p| p.site != Site::TeachingPoint)
        .map(|p| p.size as f64 * filled(p.site))
        .sum();
    if weights == 0.0 {
        return;
    }
    let factor = (target as f64 - fixed).max(1.0) / weights;
    for p in planned.iter_mut().filter(|p| p.site != Site::TeachingPoint) {
        p.size = ((p.size as f64 * factor).round() as usize).max(6);
    }
}

fn km(a: &School, b: &School) -> f64 {
    match (a.location, b.location) {
        (Some(x), Some(y)) => great_circle_km(x, y),
        _ => f64::INFINITY,
    }
}

/// Education groups: every town's central school and the first half of the
/// urban schools each lead 2–4 nearby town, rural or village schools. Town
/// leads pick first, since their villages are the natural members.
fn form_groups<R: Rng>(
    rng: &mut R,
    ids: &Ids,
    planned: &mut [PlannedSchool],
    next_group: &mut usize,
) {
    let urban_leads = planned
        .iter()
        .filter(|p| p.site == Site::Urban)
        .count()
        .div_ceil(2);
    let mut leads: Vec<SchoolIx> = planned
        .iter()
        .enumerate()
        .filter(|(_, p)| p.site == Site::Town && p.school.name.ends_with("中心小学"))
        .map(|(i, _)| i)
        .collect();
    leads.extend(
        planned
            .iter()
            .enumerate()
            .filter(|(_, p)| p.site == Site::Urban)
            .map(|(i, _)| i)
            .take(urban_leads),
    );
    let mut members: Vec<Option<SchoolIx>> = vec![None; planned.len()];
    let mut has_members = vec![false; planned.len()];
    for &lead in &leads {
        let mut near: Vec<(f64, SchoolIx)> = planned
            .iter()
            .enumerate()
            .filter(|(i, p)| p.site != Site::Urban && members[*i].is_none() && !leads.contains(i))
            .map(|(i, p)| (km(&planned[lead].school, &p.school), i))
            .filter(|(d, _)| *d <= 40.0)
            .collect();
        near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for &(_, member) in near.iter().take(rng.gen_range(2..=4)) {
            members[member] = Some(lead);
            has_members[lead] = true;
        }
    }
    // Group ids follow school order, so G01 is the first lead in the file.
    let mut group_of = vec![None; planned.len()];
    for (i, p) in planned.iter_mut().enumerate() {
        if has_members[i] {
            *next_group += 1;
            let id = ids.group(*next_group);
            group_of[i] = Some(id.clone());
            p.school.group = Some(id);
            p.school.group_role = Some(GroupRole::Lead);
        }
    }
    for (p, lead) in planned.iter_mut().zip(&members) {
        if let Some(lead) = lead {
            p.school.group = group_of[*lead].clone();
            p.school.group_role = Some(GroupRole::Member);
        }
    }
}

/// About 12% of schools are weak (薄弱学校): one town school that is no
/// group lead, the rest village schools.
fn flag_weak<R: Rng>(rng: &mut R, planned: &mut [PlannedSchool]) {
    let count = (planned.len() as f64 * 0.12).round() as usize;
    if count == 0 {
        return;
    }
    let not_lead = |p: &PlannedSchool| p.school.group_role != Some(GroupRole::Lead);
    let mut town: Vec<SchoolIx> = (0..planned.len())
        .filter(|&i| planned[i].site == Site::Town && not_lead(&planned[i]))
        .collect();
    let mut rural: Vec<SchoolIx> = (0..planned.len())
        .filter(|&i| {
            matches!(planned[i].site, Site::Rural | Site::TeachingPoint) && not_lead(&planned[i])
        })
        .collect();
    town.shuffle(rng);
    rural.shuffle(rng);
    for i in town.into_iter().take(1).chain(rural).take(count) {
        planned[i].school.weak = true;
    }
}

/// Dormitory beds (周转宿舍) for exchange teachers: village schools have a
/// few rooms, urban ones rarely any, weak schools and teaching points fewer.
/// Group leads host shadowing teachers, so each has at least one. Two rural
/// schools get a priority of 1.5 (the bureau's own emphasis).
fn assign_beds_and_priority<R: Rng>(rng: &mut R, planned: &mut [PlannedSchool]) {
    for p in planned.iter_mut() {
        let weights: &[f64] = match p.site {
            _ if p.school.weak => &[0.5, 0.35, 0.15],
            Site::TeachingPoint => &[0.6, 0.3, 0.1],
            Site::Urban => &[0.4, 0.3, 0.3],
            Site::Town => &[0.35, 0.3, 0.2, 0.15],
            Site::Rural => &[0.45, 0.3, 0.15, 0.07, 0.03],
        };
        let mut beds = weighted(rng, weights) as u32;
        if p.school.is_group_lead() {
            beds = beds.max(1);
        }
        p.school.beds = beds;
    }
    let mut rural: Vec<SchoolIx> = (0..planned.len())
        .filter(|&i| planned[i].site == Site::Rural)
        .collect();
    rural.shuffle(rng);
    let mountain = planned.iter().position(|p| p.site == Site::TeachingPoint);
    for i in mountain.into_iter().chain(rural).take(2) {
        planned[i].school.priority = 1.5;
    }
}

/// The mountain teaching point's road to the county town winds round the
/// mountain: about twice the straight line, instead of the road factor's 1.3,
/// which puts it beyond the 80 km limit from every urban school.
fn mountain_roads(planned: &[PlannedSchool]) -> Vec<(SchoolIx, SchoolIx, f64)> {
    let Some(mountain) = planned.iter().position(|p| p.site == Site::TeachingPoint) else {
        return Vec::new();
    };
    planned
        .iter()
        .enumerate()
        .filter(|(_, p)| p.site == Site::Urban)
        .map(|(i, p)| {
            let road = km(&planned[mountain].school, &p.school) * 2.0;
            (mountain, i, (road * 10.0).round() / 10.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mix_adds_up_for_any_county_size() {
        for s in 1..200 {
            let m = Mix::for_schools(s);
            assert_eq!(m.urban + m.town + m.rural + m.teaching_points, s, "{s}");
            assert!(m.urban >= 1);
            assert!(m.town == 0 || m.towns >= 1);
        }
        let m = Mix::for_schools(24);
        assert_eq!((m.urban, m.town, m.rural, m.teaching_points), (4, 6, 10, 4));
    }

    #[test]
    fn an_offset_of_ten_km_north_is_ten_km() {
        let a = (30.0, 110.0);
        let b = offset(a, 0.0, 10.0);
        assert!((great_circle_km(a, b) - 10.0).abs() < 0.01);
        let c = offset(a, 10.0, 0.0);
        assert!((great_circle_km(a, c) - 10.0).abs() < 0.01);
    }
}
