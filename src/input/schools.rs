//! `schools.csv` (SPEC §3): the schools, their area, group, location and
//! dormitory beds.

use std::path::Path;

use crate::domain::{Area, GroupRole, School};
use crate::lang::{tr, Msg};

use super::ids::Ids;
use super::table::{Column, Problems, Row, Table};

const ID: Column = Column::required("id", &["学校代码"]);
const NAME: Column = Column::required("name", &["学校名称"]);
const COUNTY: Column = Column::required("county", &["区县"]);
const AREA: Column = Column::required("area", &["城乡类别"]);
const WEAK: Column = Column::optional("weak", &["薄弱学校"]);
const GROUP: Column = Column::optional("group", &["集团"]);
const GROUP_ROLE: Column = Column::optional("group_role", &["集团角色"]);
const LAT: Column = Column::optional("lat", &["纬度"]);
const LON: Column = Column::optional("lon", &["经度"]);
const BEDS: Column = Column::optional("beds", &["周转宿舍"]);
const PRIORITY: Column = Column::optional("priority", &["优先级"]);

const COLUMNS: &[Column] = &[
    ID, NAME, COUNTY, AREA, WEAK, GROUP, GROUP_ROLE, LAT, LON, BEDS, PRIORITY,
];

pub(crate) const FILE: &str = "schools.csv";

/// The schools and their ids; the ids are marked unavailable when the file
/// cannot be read, so other files' references to schools go unchecked.
pub(crate) fn read(dir: &Path, problems: &Problems) -> (Vec<School>, Ids) {
    let Some(table) = Table::read(&dir.join(FILE), COLUMNS, problems) else {
        return (Vec::new(), Ids::unavailable(Msg::NounSchool, FILE));
    };
    table.require_rows(Msg::NeedSchool);
    let mut ids = Ids::new(Msg::NounSchool, FILE);
    let mut schools = Vec::new();
    for row in table.rows() {
        let school = school(&row);
        let Some(id) = row.required_text(&ID) else {
            continue;
        };
        if ids.insert(&row, &ID, id).is_some() {
            schools.push(school);
        }
    }
    (schools, ids)
}

/// One school; bad cells are recorded and replaced by defaults, since a data
/// set with any error is never returned.
fn school(row: &Row) -> School {
    let group = row.text(&GROUP).map(str::to_string);
    let group_role = row.get::<GroupRole>(&GROUP_ROLE);
    if group_role.is_some() && group.is_none() {
        row.error(&GROUP_ROLE, tr!(SchoolRoleWithoutGroup));
    }
    School {
        id: row.raw(&ID).to_string(),
        name: row.required_text(&NAME).unwrap_or_default().to_string(),
        county: row.required_text(&COUNTY).unwrap_or_default().to_string(),
        area: row.required::<Area>(&AREA).unwrap_or(Area::Urban),
        weak: row.get::<bool>(&WEAK).unwrap_or(false),
        group,
        group_role,
        location: location(row),
        beds: row
            .within(&BEDS, row.get::<u32>(&BEDS), (0, 10_000), Msg::RangeBeds)
            .unwrap_or(0),
        priority: priority(row),
    }
}

/// Latitude and longitude come together or not at all.
fn location(row: &Row) -> Option<(f64, f64)> {
    let degrees = |column: &Column, limit: f64| {
        row.get::<f64>(column).filter(|value| {
            let ok = value.abs() <= limit;
            if !ok {
                row.error(column, tr!(SchoolDegrees, limit = limit));
            }
            ok
        })
    };
    let (lat, lon) = (degrees(&LAT, 90.0), degrees(&LON, 180.0));
    match (row.text(&LAT), row.text(&LON)) {
        (Some(_), None) => row.error(&LON, tr!(SchoolLatWithoutLon)),
        (None, Some(_)) => row.error(&LAT, tr!(SchoolLonWithoutLat)),
        _ => {}
    }
    lat.zip(lon)
}

fn priority(row: &Row) -> f64 {
    let priority = row.get::<f64>(&PRIORITY);
    if priority.is_some_and(|p| p <= 0.0) {
        row.error(&PRIORITY, tr!(SchoolPriorityPositive));
        return 1.0;
    }
    row.within(&PRIORITY, priority, (0.0, MAX_PRIORITY), Msg::RangePriority)
        .unwrap_or(1.0)
}

/// The largest priority: a multiplier, and the objective must stay finite.
const MAX_PRIORITY: f64 = 100.0;
