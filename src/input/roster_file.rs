//! Reading a roster back (`check`, `solve --previous`), perhaps after a
//! person edited it in a spreadsheet: columns in any order, extra columns
//! ignored, the formula guard `'` the writer adds taken off again (by the
//! table reader, as for every file). Only the text is read here; whether the
//! rows make sense is `check`'s job.

use std::path::Path;

use crate::lang::tr;
use crate::roster::{RosterRow, HEADER_ZH};

use super::table::{Column, Problems, Row, Table};
use super::{Diagnostic, Diagnostics};

// The Chinese names are the roster's own (SPEC §4, [`HEADER_ZH`]), so that
// `check` and `--previous` read a roster a person saved with Chinese headers.
const TEACHER_ID: Column = Column::required("teacher_id", &[HEADER_ZH[0]]);
const TEACHER_NAME: Column = Column::optional("teacher_name", &[HEADER_ZH[1]]);
const KIND: Column = Column::required("kind", &[HEADER_ZH[2]]);
const SUBJECT: Column = Column::required("subject", &[HEADER_ZH[3]]);
const HOME: Column = Column::required("home_school_id", &[HEADER_ZH[4]]);
const HOST: Column = Column::required("host_school_id", &[HEADER_ZH[5]]);
const START_TERM: Column = Column::required("start_term", &[HEADER_ZH[6]]);
const END_TERM: Column = Column::optional("end_term", &[HEADER_ZH[7]]);
const START_DATE: Column = Column::optional("start_date", &[HEADER_ZH[8]]);
const END_DATE: Column = Column::optional("end_date", &[HEADER_ZH[9]]);
const DISTANCE_KM: Column = Column::optional("distance_km", &[HEADER_ZH[10]]);
const NEEDS_BED: Column = Column::optional("needs_bed", &[HEADER_ZH[11]]);
const REASONS: Column = Column::optional("reasons", &[HEADER_ZH[12]]);

const COLUMNS: &[Column] = &[
    TEACHER_ID,
    TEACHER_NAME,
    KIND,
    SUBJECT,
    HOME,
    HOST,
    START_TERM,
    END_TERM,
    START_DATE,
    END_DATE,
    DISTANCE_KM,
    NEEDS_BED,
    REASONS,
];

/// The roster's rows with the line each starts on.
pub fn read_roster(path: &Path) -> Result<Vec<(u64, RosterRow)>, Diagnostics> {
    if !path.is_file() {
        return Err(Diagnostics(vec![Diagnostic::file(
            path,
            tr!(RosterMissing),
        )]));
    }
    let problems = Problems::default();
    let rows = Table::read_file(path, COLUMNS, &problems).map(|table| {
        table
            .rows()
            .map(|row| (row.line, roster_row(&row)))
            .collect()
    });
    let (errors, _unknown_columns_are_fine) = problems.into_parts();
    match rows {
        Some(rows) if errors.is_empty() => Ok(rows),
        _ => Err(Diagnostics(errors)),
    }
}

fn roster_row(row: &Row) -> RosterRow {
    let cell = |column: &Column| row.raw(column).to_string();
    RosterRow {
        teacher_id: cell(&TEACHER_ID),
        teacher_name: cell(&TEACHER_NAME),
        kind: cell(&KIND),
        subject: cell(&SUBJECT),
        home_school_id: cell(&HOME),
        host_school_id: cell(&HOST),
        start_term: cell(&START_TERM),
        end_term: cell(&END_TERM),
        start_date: cell(&START_DATE),
        end_date: cell(&END_DATE),
        distance_km: cell(&DISTANCE_KM),
        needs_bed: cell(&NEEDS_BED),
        reasons: cell(&REASONS),
    }
}
