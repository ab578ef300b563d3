//! The map of `report.html`: the schools placed by `lat`/`lon` with an
//! equirectangular projection fitted to their bounding box (a county spans
//! well under a degree, where that projection's distortion is invisible),
//! and one curved arrow per exchange, coloured by kind.
//!
//! Arrows bend to the right of their direction, so that a trade between two
//! schools (置换交流) shows as two arrows side by side rather than one line.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::domain::{Area, Kind};
use crate::roster::RosterRow;

use super::escape::esc;
use super::labels::Labels;
use super::ReportSchool;

const WIDTH: f64 = 760.0;
const MAX_HEIGHT: f64 = 560.0;
const MARGIN: f64 = 28.0;
/// Radius of a school's dot; arrows stop short of it.
const DOT: f64 = 5.0;
/// How far an arrow bends, as a fraction of its length.
const BEND: f64 = 0.15;
/// With more schools than this, names are left to the dots' tooltips.
const MAX_LABELS: usize = 60;

/// Colour of an exchange kind, on the map and in its legend.
pub(crate) fn kind_colour(kind: &str) -> &'static str {
    match kind.parse::<Kind>() {
        Ok(Kind::Rotation) => "#1f77b4",
        Ok(Kind::Support) => "#d62728",
        Ok(Kind::Shadow) => "#2ca02c",
        Ok(Kind::Secondment) => "#9467bd",
        Err(_) => "#7f7f7f",
    }
}

fn area_colour(area: Area) -> &'static str {
    match area {
        Area::Urban => "#4d4d4d",
        Area::Town => "#8c6d31",
        Area::Rural => "#e69f00",
    }
}

/// Degrees to SVG pixels, fitted to a bounding box of (lat, lon) points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Projection {
    lat_max: f64,
    lon_min: f64,
    /// Pixels per degree of latitude; a degree of longitude is `cos(lat)`
    /// of that.
    scale: f64,
    x_scale: f64,
    x_pad: f64,
    y_pad: f64,
    pub(crate) height: f64,
}

impl Projection {
    /// Fits `points` (lat, lon) into [`WIDTH`] and at most [`MAX_HEIGHT`],
    /// keeping the aspect; `None` without points.
    pub(crate) fn fit(points: &[(f64, f64)]) -> Option<Projection> {
        let (first, rest) = points.split_first()?;
        let (mut lat_min, mut lat_max, mut lon_min, mut lon_max) =
            (first.0, first.0, first.1, first.1);
        for &(lat, lon) in rest {
            lat_min = lat_min.min(lat);
            lat_max = lat_max.max(lat);
            lon_min = lon_min.min(lon);
            lon_max = lon_max.max(lon);
        }
        let kx = ((lat_min + lat_max) / 2.0).to_radians().cos();
        let (span_x, span_y) = ((lon_max - lon_min) * kx, lat_max - lat_min);
        let room = |span: f64, pixels: f64| {
            if span > 0.0 {
                (pixels - 2.0 * MARGIN) / span
            } else {
                f64::INFINITY
            }
        };
        let mut scale = room(span_x, WIDTH).min(room(span_y, MAX_HEIGHT));
        if !scale.is_finite() {
            scale = 1.0; // one place: any scale puts it in the middle
        }
        let height = (span_y * scale + 2.0 * MARGIN).max(4.0 * MARGIN);
        Some(Projection {
            lat_max,
            lon_min,
            scale,
            x_scale: kx * scale,
            x_pad: MARGIN + (WIDTH - 2.0 * MARGIN - span_x * scale) / 2.0,
            y_pad: (height - span_y * scale) / 2.0,
            height,
        })
    }

    /// SVG (x, y) of a point; y grows southwards.
    pub(crate) fn xy(&self, lat: f64, lon: f64) -> (f64, f64) {
        (
            self.x_pad + (lon - self.lon_min) * self.x_scale,
            self.y_pad + (self.lat_max - lat) * self.scale,
        )
    }
}

/// What the map section shows: the SVG, and the exchanges it could not draw
/// for want of coordinates.
pub(crate) struct MapSvg {
    pub(crate) svg: String,
    pub(crate) schools_without_place: usize,
    pub(crate) exchanges_not_drawn: usize,
}

pub(crate) fn map(schools: &[ReportSchool], roster: &[RosterRow], labels: &Labels) -> MapSvg {
    let placed: Vec<(&ReportSchool, (f64, f64))> = schools
        .iter()
        .filter_map(|s| Some((s, (s.lat?, s.lon?))))
        .collect();
    let points: Vec<(f64, f64)> = placed.iter().map(|(_, p)| *p).collect();
    let schools_without_place = schools.len() - placed.len();
    let Some(projection) = Projection::fit(&points) else {
        return MapSvg {
            svg: String::new(),
            schools_without_place,
            exchanges_not_drawn: roster.len(),
        };
    };
    let at: HashMap<&str, (f64, f64)> = placed
        .iter()
        .map(|(s, (lat, lon))| (s.id.as_str(), projection.xy(*lat, *lon)))
        .collect();

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {h:.0}" width="{WIDTH}" height="{h:.0}" role="img" aria-label="{title}">"#,
        h = projection.height,
        title = esc(labels.map),
    );
    svg.push_str("<defs>");
    for kind in Kind::ALL.iter().map(|k| k.as_str()).chain(["other"]) {
        let _ = write!(
            svg,
            r#"<marker id="head-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="{c}"/></marker>"#,
            c = kind_colour(kind),
        );
    }
    svg.push_str("</defs>");
    let name_of: HashMap<&str, &str> = schools
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let labelled = placed.len() <= MAX_LABELS;
    svg.push_str(r#"<g class="schools">"#);
    for (school, _) in &placed {
        let (x, y) = at[school.id.as_str()];
        let weak = if school.weak {
            r##" stroke="#c00" stroke-width="2""##
        } else {
            r##" stroke="#fff" stroke-width="1""##
        };
        let _ = write!(
            svg,
            r#"<circle class="school" data-school="{id}" cx="{x:.1}" cy="{y:.1}" r="{DOT}" fill="{fill}"{weak}><title>{name} ({id})</title></circle>"#,
            id = esc(&school.id),
            name = esc(&school.name),
            fill = area_colour(school.area),
        );
        if labelled {
            let _ = write!(
                svg,
                r#"<text class="school-name" x="{:.1}" y="{:.1}">{}</text>"#,
                x + DOT + 2.0,
                y + 3.0,
                esc(&school.name)
            );
        }
    }
    svg.push_str("</g><g class=\"exchanges\">");
    let mut exchanges_not_drawn = 0;
    for row in roster {
        let (Some(&from), Some(&to)) = (
            at.get(row.home_school_id.as_str()),
            at.get(row.host_school_id.as_str()),
        ) else {
            exchanges_not_drawn += 1;
            continue;
        };
        let name = |id: &str| esc(name_of.get(id).copied().unwrap_or(id));
        let kind = row.kind.parse::<Kind>().map_or("other", Kind::as_str);
        let _ = write!(
            svg,
            r#"<path class="exchange" data-kind="{kind}" d="{d}" stroke="{c}" marker-end="url(#head-{kind})"><title>{who} · {k} · {subject}: {from_name} → {to_name}</title></path>"#,
            d = arrow_path(from, to),
            c = kind_colour(&row.kind),
            who = esc(&row.teacher_name),
            k = esc(&labels.kind(&row.kind)),
            subject = esc(&row.subject),
            from_name = name(&row.home_school_id),
            to_name = name(&row.host_school_id),
        );
    }
    svg.push_str("</g></svg>");
    MapSvg {
        svg,
        schools_without_place,
        exchanges_not_drawn,
    }
}

/// A quadratic curve from `from` to `to`, bent to the right of its
/// direction and stopping at the edge of both dots.
fn arrow_path(from: (f64, f64), to: (f64, f64)) -> String {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = dx.hypot(dy);
    if length < 2.0 * DOT {
        // Two schools at one place: a small loop says "an exchange here".
        return format!(
            "M{:.1},{:.1}c12,-18 24,0 0,{:.1}",
            from.0,
            from.1 - DOT,
            2.0 * DOT
        );
    }
    let control = (
        (from.0 + to.0) / 2.0 - dy * BEND,
        (from.1 + to.1) / 2.0 + dx * BEND,
    );
    let toward = |a: (f64, f64), b: (f64, f64), by: f64| {
        let (ux, uy) = (b.0 - a.0, b.1 - a.1);
        let len = ux.hypot(uy).max(f64::EPSILON);
        (a.0 + ux / len * by, a.1 + uy / len * by)
    };
    let start = toward(from, control, DOT);
    let end = toward(to, control, DOT + 1.0);
    format!(
        "M{:.1},{:.1}Q{:.1},{:.1} {:.1},{:.1}",
        start.0, start.1, control.0, control.1, end.0, end.1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bounding_box_fills_the_width_and_keeps_north_up() {
        let p = Projection::fit(&[(30.0, 115.0), (30.5, 116.0)]).unwrap();
        let (west, east) = (p.xy(30.0, 115.0), p.xy(30.0, 116.0));
        assert!((west.0 - MARGIN).abs() < 1e-9, "{west:?}");
        assert!((east.0 - (WIDTH - MARGIN)).abs() < 1e-9, "{east:?}");
        let north = p.xy(30.5, 115.0);
        assert!(north.1 < west.1, "north is up");
        // One degree of longitude at 30.25°N is cos(30.25°) of a degree of
        // latitude.
        let ratio = (west.1 - north.1) / 0.5 / (east.0 - west.0);
        assert!((ratio - 1.0 / 30.25f64.to_radians().cos()).abs() < 1e-9);
        assert!(p.height <= MAX_HEIGHT);
    }

    #[test]
    fn one_school_sits_in_the_middle() {
        let p = Projection::fit(&[(30.0, 115.0)]).unwrap();
        let (x, y) = p.xy(30.0, 115.0);
        assert_eq!((x, y), (WIDTH / 2.0, p.height / 2.0));
        assert!(Projection::fit(&[]).is_none());
    }

    #[test]
    fn opposite_arrows_bend_apart() {
        let there = arrow_path((0.0, 0.0), (100.0, 0.0));
        let back = arrow_path((100.0, 0.0), (0.0, 0.0));
        assert!(there.contains("Q50.0,15.0"), "{there}");
        assert!(back.contains("Q50.0,-15.0"), "{back}");
    }
}
