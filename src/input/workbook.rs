//! An input table given as an Excel workbook (SPEC §3): `teachers.xlsx` in
//! place of `teachers.csv`, as the HR system exports it. The first
//! worksheet is the table, its first row the header. Cells become the text
//! a CSV file would hold, so that every column goes through the same
//! parsers: a date cell becomes `2027-09-01`, a whole number `1001` (not
//! `1001.0`), a boolean `true`. A cell holding an Excel error (`#N/A`) is
//! a problem named by sheet, row and column.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use csv::StringRecord;

use super::Diagnostic;
use crate::lang::tr;

/// A worksheet read as text rows.
pub(super) struct Sheet {
    pub(crate) name: String,
    pub(crate) header: StringRecord,
    /// Data rows with their 1-based Excel row numbers.
    pub(crate) rows: Vec<(u64, StringRecord)>,
    /// Cells that hold an Excel error.
    pub(crate) errors: Vec<Diagnostic>,
}

/// Whether `path` names a workbook.
pub(super) fn is_workbook(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("xlsx"))
}

/// The workbook that may stand in for a CSV file: `teachers.xlsx` for
/// `teachers.csv`.
pub(super) fn twin(path: &Path) -> PathBuf {
    path.with_extension("xlsx")
}

/// `A`, …, `Z`, `AA`, … for a 0-based column position.
pub(super) fn column_letters(position: usize) -> String {
    let mut letters = Vec::new();
    let mut n = position + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Reads the first worksheet of the workbook at `path`.
pub(super) fn first_sheet(path: &Path) -> Result<Sheet, Diagnostic> {
    let unreadable =
        |err: &dyn std::fmt::Display| Diagnostic::file(path, tr!(WorkbookUnreadable, error = err));
    let mut workbook: Xlsx<_> = open_workbook(path).map_err(|e| unreadable(&e))?;
    let name = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Diagnostic::file(path, tr!(WorkbookNoSheet)))?;
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| unreadable(&e))?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut sheet = Sheet {
        name,
        header: StringRecord::new(),
        rows: Vec::new(),
        errors: Vec::new(),
    };
    // Rows and columns before the used range are empty: pad them so that
    // row numbers and column letters are the sheet's own.
    let pad = first_col as usize;
    for (offset, cells) in range.rows().enumerate() {
        let row = u64::from(first_row) + offset as u64 + 1;
        let mut record = StringRecord::new();
        for _ in 0..pad {
            record.push_field("");
        }
        for (col, cell) in cells.iter().enumerate() {
            match text(cell) {
                Ok(text) => record.push_field(&text),
                Err(message) => {
                    sheet.errors.push(Diagnostic {
                        line: Some(row),
                        column: Some(format!("{}!{}{row}", sheet.name, column_letters(pad + col))),
                        ..Diagnostic::file(path, message)
                    });
                    record.push_field("");
                }
            }
        }
        if row == 1 {
            sheet.header = record;
        } else {
            sheet.rows.push((row, record));
        }
    }
    Ok(sheet)
}

/// A cell as the text a CSV file would hold.
fn text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Bool(value) => value.to_string(),
        Data::Int(value) => value.to_string(),
        Data::Float(value) => number(*value),
        Data::DateTime(value) => match value.as_datetime() {
            Some(moment) if moment.time() == chrono::NaiveTime::MIN => moment.date().to_string(),
            Some(moment) => moment.to_string(),
            None => number(value.as_f64()),
        },
        Data::Error(error) => return Err(tr!(WorkbookErrorCell, error = error)),
    })
}

/// A number as a person would type it: `3`, not `3.0`; `1.5` as is.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(1001.0), "1001");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(-2.0), "-2");
    }

    #[test]
    fn twins_and_workbooks() {
        assert_eq!(
            twin(Path::new("d/teachers.csv")),
            Path::new("d/teachers.xlsx")
        );
        assert!(is_workbook(Path::new("roster.XLSX")));
        assert!(!is_workbook(Path::new("roster.csv")));
    }
}
