//! `demand.csv` (SPEC §3): posts each school needs in a subject, for every
//! term or, with a `term` column, for one term of the horizon.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::domain::{DemandFigure, Horizon, SchoolIx, Subject};
use crate::lang::{tr, Msg};

use super::ids::Ids;
use super::table::{Column, Problems, Table};

const SCHOOL_ID: Column = Column::required("school_id", &["学校代码"]);
const SUBJECT: Column = Column::required("subject", &["学科"]);
const POSTS: Column = Column::required("posts", &["编制数"]);
const TERM: Column = Column::optional("term", &["学期"]);

const COLUMNS: &[Column] = &[SCHOOL_ID, SUBJECT, POSTS, TERM];

pub(crate) const FILE: &str = "demand.csv";

pub(crate) type Demand = BTreeMap<(SchoolIx, Subject), DemandFigure>;

pub(crate) fn read(dir: &Path, horizon: &Horizon, schools: &Ids, problems: &Problems) -> Demand {
    let mut demand = Demand::new();
    let Some(table) = Table::read(&dir.join(FILE), COLUMNS, problems) else {
        return demand;
    };
    table.require_rows(Msg::NeedDemand);
    // (school, subject, term) → line, to report a figure given twice.
    let mut seen: HashMap<(SchoolIx, Subject, Option<&str>), u64> = HashMap::new();
    for row in table.rows() {
        let school = schools.resolve_required(&row, &SCHOOL_ID);
        let subject = row.required_text(&SUBJECT).map(Subject::new);
        let posts = row.within(
            &POSTS,
            row.required::<u32>(&POSTS),
            (0, 10_000),
            Msg::RangePosts,
        );
        let term = row.text(&TERM);
        let term_known = term.is_none_or(|term| {
            let known = horizon.term_index(term).is_some();
            if !known {
                row.error(&TERM, not_a_term(horizon));
            }
            known
        });
        let (Some(school), Some(subject), Some(posts), true) = (school, subject, posts, term_known)
        else {
            continue;
        };
        match seen.entry((school, subject, term)) {
            Entry::Occupied(first) => {
                let column = if term.is_some() { &TERM } else { &SUBJECT };
                row.error(column, tr!(DemandTwice, line = first.get()));
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert(row.line);
            }
        }
        let figure = demand.entry((school, subject)).or_default();
        match term {
            None => figure.every_term = Some(posts),
            Some(term) => {
                figure.by_term.insert(term.to_string(), posts);
            }
        }
    }
    demand
}

/// The message for a term id that is not in the horizon.
pub(crate) fn not_a_term(horizon: &Horizon) -> String {
    let ids: Vec<&str> = horizon.terms.iter().map(|t| t.id.as_str()).collect();
    tr!(DemandNotATerm, terms = ids.join(", "))
}
