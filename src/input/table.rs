//! The one table reader every input file goes through (a CSV file or, in
//! its place, an Excel workbook: [`super::workbook`]). It maps the header's
//! names (English, any case, or the Chinese alias; in any order) to the
//! file's canonical columns, and gives typed getters that record a
//! [`Diagnostic`] naming file, line, column and value when a cell is bad.
//! Getters never stop the load: they record the problem and return `None`,
//! so one run lists every problem in the data set.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use csv::StringRecord;

use super::cell::Cell;
use super::encoding::read_text;
use super::workbook;
use super::Diagnostic;
use crate::lang::{tr, Language, Msg};
use crate::output::unescape_formula;

/// A column a file may have: its canonical English name and the other
/// names accepted for it in this file (aliasing is per file: `学校代码` is
/// `id` in schools.csv but `school_id` in teachers.csv).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Column {
    pub(crate) name: &'static str,
    pub(crate) aliases: &'static [&'static str],
    pub(crate) required: bool,
}

impl Column {
    pub(crate) const fn required(name: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            name,
            aliases,
            required: true,
        }
    }

    pub(crate) const fn optional(name: &'static str, aliases: &'static [&'static str]) -> Column {
        Column {
            name,
            aliases,
            required: false,
        }
    }

    /// Header matching trims whitespace and ignores ASCII case.
    fn matches(&self, header: &str) -> bool {
        let header = header.trim();
        std::iter::once(&self.name)
            .chain(self.aliases)
            .any(|name| name.eq_ignore_ascii_case(header))
    }

    /// `id (学校代码)`, for messages.
    fn describe(&self) -> String {
        match self.aliases.first() {
            Some(alias) => format!("{} ({alias})", self.name),
            None => self.name.to_string(),
        }
    }
}

/// Where errors and warnings of one load are collected. Shared by reference
/// between the tables so that getters need no `&mut` threading.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    errors: RefCell<Vec<Diagnostic>>,
    warnings: RefCell<Vec<String>>,
}

impl Problems {
    pub(crate) fn error(&self, diagnostic: Diagnostic) {
        self.errors.borrow_mut().push(diagnostic);
    }

    /// A non-fatal remark, formatted like a diagnostic.
    pub(crate) fn warn(&self, diagnostic: Diagnostic) {
        self.warnings.borrow_mut().push(diagnostic.to_string());
    }

    pub(crate) fn into_parts(self) -> (Vec<Diagnostic>, Vec<String>) {
        (self.errors.into_inner(), self.warnings.into_inner())
    }
}

/// A table (CSV file or workbook sheet) whose header has been matched
/// against its columns.
pub(crate) struct Table<'p> {
    path: PathBuf,
    /// The worksheet's name when the table is a workbook's first sheet.
    sheet: Option<String>,
    /// Canonical name → (position in the record, header name as written).
    columns: HashMap<&'static str, (usize, String)>,
    header_len: usize,
    /// Data rows with the 1-based line (CSV) or row (sheet) each starts on.
    rows: Vec<(u64, StringRecord)>,
    problems: &'p Problems,
}

impl<'p> Table<'p> {
    /// Reads an optional file: `None`, silently, when neither it nor its
    /// workbook twin exists.
    pub(crate) fn read_optional(
        path: &Path,
        columns: &[Column],
        problems: &'p Problems,
    ) -> Option<Table<'p>> {
        if path.exists() || workbook::twin(path).exists() {
            Table::read(path, columns, problems)
        } else {
            None
        }
    }

    /// Reads a data set's table and matches its header: `path`
    /// (`teachers.csv`) or, in its place, the workbook of the same name
    /// (`teachers.xlsx`, SPEC §3). `None` when the table cannot be used at
    /// all (missing, both present, undecodable, a required column missing),
    /// after recording why. Unknown columns are a warning.
    pub(crate) fn read(
        path: &Path,
        columns: &[Column],
        problems: &'p Problems,
    ) -> Option<Table<'p>> {
        let twin = workbook::twin(path);
        match (path.exists(), twin.exists()) {
            (true, true) => {
                problems.error(Diagnostic::file(
                    path,
                    tr!(
                        TableBothPresent,
                        csv = file_name(path),
                        xlsx = file_name(&twin)
                    ),
                ));
                None
            }
            (false, true) => Table::read_file(&twin, columns, problems),
            _ => Table::read_file(path, columns, problems),
        }
    }

    /// Reads exactly the file at `path`: a workbook when its name ends in
    /// `.xlsx`, CSV otherwise.
    pub(crate) fn read_file(
        path: &Path,
        columns: &[Column],
        problems: &'p Problems,
    ) -> Option<Table<'p>> {
        if !path.exists() {
            problems.error(Diagnostic::file(path, tr!(TableNotFound)));
            return None;
        }
        if workbook::is_workbook(path) {
            return Table::read_workbook(path, columns, problems);
        }
        let text = match read_text(path) {
            Ok(text) => text,
            Err(diagnostic) => {
                problems.error(diagnostic);
                return None;
            }
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let header = match reader.headers() {
            Ok(header) if header.iter().any(|h| !h.trim().is_empty()) => header.clone(),
            Ok(_) => {
                problems.error(Diagnostic::file(path, tr!(TableEmpty)));
                return None;
            }
            Err(err) => {
                problems.error(csv_error(path, &err));
                return None;
            }
        };
        if let Some(line) = unclosed_quote(&text) {
            problems.error(Diagnostic {
                line: Some(line),
                ..Diagnostic::file(path, tr!(TableUnclosedQuote))
            });
            return None;
        }
        let mut table = Table::new(path, None, &header, columns, problems)?;
        let mut lines = LineCounter::new(&text);
        for record in reader.records() {
            match record {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
                    table.push(line, record);
                }
                Err(err) => {
                    // After a syntax error the reader's idea of where rows
                    // start cannot be trusted: report it and stop here.
                    problems.error(csv_error(path, &err));
                    break;
                }
            }
        }
        Some(table)
    }

    /// The first worksheet of a workbook, its first row the header.
    fn read_workbook(path: &Path, columns: &[Column], problems: &'p Problems) -> Option<Table<'p>> {
        let sheet = match workbook::first_sheet(path) {
            Ok(sheet) => sheet,
            Err(diagnostic) => {
                problems.error(diagnostic);
                return None;
            }
        };
        for error in sheet.errors {
            problems.error(error);
        }
        if !sheet.header.iter().any(|h| !h.trim().is_empty()) {
            problems.error(Diagnostic::file(
                path,
                tr!(TableSheetEmpty, sheet = format!("{:?}", sheet.name)),
            ));
            return None;
        }
        let mut table = Table::new(path, Some(sheet.name), &sheet.header, columns, problems)?;
        for (line, record) in sheet.rows {
            table.push(line, record);
        }
        Some(table)
    }

    fn new(
        path: &Path,
        sheet: Option<String>,
        header: &StringRecord,
        columns: &[Column],
        problems: &'p Problems,
    ) -> Option<Table<'p>> {
        let columns = match_header(path, header, columns, problems)?;
        Some(Table {
            path: path.to_path_buf(),
            sheet,
            columns,
            header_len: header.len(),
            rows: Vec::new(),
            problems,
        })
    }

    fn push(&mut self, line: u64, record: StringRecord) {
        if record.iter().all(|field| field.trim().is_empty()) {
            return; // Excel's trailing `,,,` rows
        }
        for field in &record {
            if field.contains('\0') {
                self.problems.error(Diagnostic {
                    line: Some(line),
                    ..Diagnostic::file(&self.path, tr!(TableNul))
                });
            } else if swallows_rows(field, self.header_len) {
                self.problems.error(Diagnostic {
                    line: Some(line),
                    ..Diagnostic::file(&self.path, tr!(TableSwallowsRows))
                });
            }
        }
        if record
            .iter()
            .skip(self.header_len)
            .any(|field| !field.trim().is_empty())
        {
            self.problems.error(Diagnostic {
                line: Some(line),
                ..Diagnostic::file(
                    &self.path,
                    tr!(
                        TableTooManyCells,
                        cells = record.len(),
                        columns = self.header_len
                    ),
                )
            });
        }
        self.rows.push((line, record));
    }

    /// Records an error when the file has a header but no rows, for the
    /// tables a data set cannot do without (SPEC §3): an export cut short
    /// must not pass for "no teachers".
    pub(crate) fn require_rows(&self, what: Msg) {
        if self.rows.is_empty() {
            self.problems.error(Diagnostic {
                line: Some(2),
                ..Diagnostic::file(
                    &self.path,
                    tr!(TableNoRows, what = what.text(Language::current())),
                )
            });
        }
    }

    pub(crate) fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, record)| Row {
            table: self,
            record,
            line: *line,
        })
    }

    /// The header name as written, falling back to the canonical name; in
    /// a workbook also the sheet and cell (`出生日期 (Sheet1!D7)`).
    fn header_of(&self, column: &Column, line: u64) -> String {
        let found = self.columns.get(column.name);
        let header = found.map_or(column.name, |(_, header)| header.as_str());
        match (&self.sheet, found) {
            (Some(sheet), Some(&(position, _))) => format!(
                "{header} ({sheet}!{}{line})",
                workbook::column_letters(position)
            ),
            _ => header.to_string(),
        }
    }

    /// Records a problem with a cell found after its row was read (a
    /// cross-reference checked once the whole file is known).
    pub(crate) fn error_at(
        &self,
        line: u64,
        column: &Column,
        value: &str,
        message: impl Into<String>,
    ) {
        self.problems.error(Diagnostic::cell(
            &self.path,
            line,
            &self.header_of(column, line),
            value,
            message,
        ));
    }
}

/// Maps every header cell to a column; `None` if a required column is
/// missing or a column is given twice.
fn match_header(
    path: &Path,
    header: &StringRecord,
    columns: &[Column],
    problems: &Problems,
) -> Option<HashMap<&'static str, (usize, String)>> {
    if let Some(delimiter) = other_delimiter(header) {
        problems.error(Diagnostic {
            line: Some(1),
            ..Diagnostic::file(
                path,
                tr!(
                    TableDelimiter,
                    delimiter = delimiter.text(Language::current())
                ),
            )
        });
        return None;
    }
    let mut found: HashMap<&'static str, (usize, String)> = HashMap::new();
    let mut unknown: Vec<&str> = Vec::new();
    let mut usable = true;
    for (position, name) in header.iter().enumerate() {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        match columns.iter().find(|column| column.matches(name)) {
            None => unknown.push(name),
            Some(column) => {
                if let Some((_, first)) = found.get(column.name) {
                    problems.error(Diagnostic {
                        column: Some(name.to_string()),
                        ..Diagnostic::file(
                            path,
                            tr!(
                                TableColumnTwice,
                                column = column.name,
                                first = format!("{first:?}"),
                                second = format!("{name:?}")
                            ),
                        )
                    });
                    usable = false;
                } else {
                    found.insert(column.name, (position, name.to_string()));
                }
            }
        }
    }
    if !unknown.is_empty() {
        problems.warn(unknown_columns(path, &unknown));
    }
    for column in columns {
        if column.required && !found.contains_key(column.name) {
            problems.error(Diagnostic {
                column: Some(column.name.to_string()),
                ..Diagnostic::file(path, tr!(TableMissingColumn, column = column.describe()))
            });
            usable = false;
        }
    }
    usable.then_some(found)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Unknown columns shown in one warning (a file with thousands of stray
/// columns gets one line, not thousands).
const UNKNOWN_SHOWN: usize = 5;

/// One warning for all the unknown columns of a file.
fn unknown_columns(path: &Path, unknown: &[&str]) -> Diagnostic {
    let shown: Vec<String> = unknown
        .iter()
        .take(UNKNOWN_SHOWN)
        .map(|name| format!("{name:?}"))
        .collect();
    let more = unknown.len().saturating_sub(UNKNOWN_SHOWN);
    let mut message = match unknown.len() {
        1 => tr!(TableUnknownColumn, column = shown[0]),
        n => tr!(TableUnknownColumns, n = n, columns = shown.join(", ")),
    };
    if more > 0 {
        message.push_str(&tr!(AndMore, n = more));
    }
    Diagnostic {
        line: Some(1),
        ..Diagnostic::file(path, message)
    }
}

/// The separator a one-column header seems to use instead of commas.
fn other_delimiter(header: &StringRecord) -> Option<Msg> {
    if header.len() != 1 {
        return None;
    }
    let cell = &header[0];
    [
        (';', Msg::SepSemicolons),
        ('\t', Msg::SepTabs),
        ('|', Msg::SepBars),
        ('；', Msg::SepWideSemicolons),
        ('，', Msg::SepWideCommas),
    ]
    .into_iter()
    .find(|(c, _)| cell.contains(*c))
    .map(|(_, name)| name)
}

fn csv_error(path: &Path, err: &csv::Error) -> Diagnostic {
    Diagnostic {
        line: err.position().map(|p| p.line()),
        ..Diagnostic::file(path, tr!(TableNotCsv, error = err))
    }
}

/// Line numbers of records from their byte offsets. The csv crate's own
/// `Position::line` skips blank lines and is one short with CRLF endings
/// (as Excel writes them); its byte offset points at the line breaks before
/// a record, so the record starts at the first byte after them.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line of the record reported at `byte`; offsets must not
    /// decrease between calls.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte).map_or(self.text.len(), |b| b.min(self.text.len()));
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.offset {
            let newlines = line_breaks(&self.text[self.offset..start]);
            self.line += newlines as u64;
            self.offset = start;
        }
        self.line
    }
}

/// Whether a multi-line cell holds lines that look like rows of their own
/// (as many commas as a row has): what a stray quote does to the rows after
/// it. A genuine multi-line note rarely has that many commas on a line.
fn swallows_rows(field: &str, header_len: usize) -> bool {
    header_len > 2
        && field
            .split(['\n', '\r'])
            .skip(1)
            .any(|line| line.matches(',').count() + 1 >= header_len)
}

/// Line breaks in `bytes`: `\n`, `\r\n`, and a lone `\r` (as old Mac
/// software ends lines), which the csv crate also takes as a line end.
fn line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// The line of a quote that opens a cell and is never closed (the rest of
/// the file would be read as that one cell), following the csv crate's
/// reading: a quote opens a cell only as its first character, and inside
/// one `""` is a quote and any other `"` closes it.
fn unclosed_quote(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let mut line = 1;
    let mut opened_on = None;
    let mut at_cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match opened_on {
            Some(_) if b == b'"' && bytes.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b == b'"' => opened_on = None,
            None if b == b'"' && at_cell_start => opened_on = Some(line),
            _ => {}
        }
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
        }
        at_cell_start = opened_on.is_none() && matches!(b, b',' | b'\n' | b'\r');
        i += 1;
    }
    opened_on
}

/// One data row, with getters that record what is wrong with a cell.
pub(crate) struct Row<'t> {
    table: &'t Table<'t>,
    record: &'t StringRecord,
    pub(crate) line: u64,
}

impl<'t> Row<'t> {
    /// The trimmed cell, `""` when empty or when the file lacks the column,
    /// with the formula guard our writers add taken off again
    /// ([`unescape_formula`]), so that every file rotaplan writes reads back
    /// as it was meant.
    pub(crate) fn raw(&self, column: &Column) -> &'t str {
        self.table
            .columns
            .get(column.name)
            .and_then(|&(position, _)| self.record.get(position))
            .map_or("", |cell| unescape_formula(cell.trim()))
    }

    /// The cell's text, `None` when empty.
    pub(crate) fn text(&self, column: &Column) -> Option<&'t str> {
        Some(self.raw(column)).filter(|text| !text.is_empty())
    }

    /// The cell's text; an empty cell is an error.
    pub(crate) fn required_text(&self, column: &Column) -> Option<&'t str> {
        let text = self.text(column);
        if text.is_none() {
            self.error(column, tr!(CellEmpty));
        }
        text
    }

    /// An optional typed value: `None` when empty or bad (bad is recorded).
    pub(crate) fn get<T: Cell>(&self, column: &Column) -> Option<T> {
        let text = self.text(column)?;
        T::parse_cell(text)
            .map_err(|message| self.error(column, message))
            .ok()
    }

    /// A required typed value: `None` when empty or bad (both recorded).
    pub(crate) fn required<T: Cell>(&self, column: &Column) -> Option<T> {
        self.required_text(column)?;
        self.get(column)
    }

    /// A number of 0 or more, `None` when empty or bad.
    pub(crate) fn non_negative(&self, column: &Column) -> Option<f64> {
        self.get::<f64>(column).filter(|&value| {
            let ok = value >= 0.0;
            if !ok {
                self.error(column, tr!(CellNegative));
            }
            ok
        })
    }

    /// `value`, read from `column`, when it lies between `least` and
    /// `most`; otherwise records that range and what it means (`meaning`),
    /// so that an implausible figure is an error, not a silent extreme.
    pub(crate) fn within<T: PartialOrd + std::fmt::Display + Copy>(
        &self,
        column: &Column,
        value: Option<T>,
        (least, most): (T, T),
        meaning: Msg,
    ) -> Option<T> {
        let value = value?;
        if least <= value && value <= most {
            Some(value)
        } else {
            self.error(
                column,
                tr!(
                    CellRange,
                    least = least,
                    most = most,
                    meaning = meaning.text(Language::current())
                ),
            );
            None
        }
    }

    /// Records a problem with this row's cell in `column`.
    pub(crate) fn error(&self, column: &Column, message: impl Into<String>) {
        self.table
            .error_at(self.line, column, self.raw(column), message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: Column = Column::required("id", &["学校代码"]);
    const NAME: Column = Column::required("name", &["学校名称"]);
    const BEDS: Column = Column::optional("beds", &["周转宿舍"]);
    const COLUMNS: &[Column] = &[ID, NAME, BEDS];

    fn write(dir: &tempfile::TempDir, text: &str) -> PathBuf {
        let path = dir.path().join("t.csv");
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn headers_match_in_any_order_case_and_language() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, " 周转宿舍 ,NAME,学校代码\n3,A,S1\n");
        let problems = Problems::default();
        let table = Table::read(&path, COLUMNS, &problems).unwrap();
        let row = table.rows().next().unwrap();
        assert_eq!(row.raw(&ID), "S1");
        assert_eq!(row.raw(&NAME), "A");
        assert_eq!(row.get::<u32>(&BEDS), Some(3));
        assert!(problems.into_parts().0.is_empty());
    }

    #[test]
    fn lines_follow_the_file_even_with_multi_line_cells() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "id,name,beds\nS1,\"two\nlines\",1\n\nS2,B,-1\n");
        let problems = Problems::default();
        let table = Table::read(&path, COLUMNS, &problems).unwrap();
        let rows: Vec<_> = table.rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 5);
        assert_eq!(rows[1].get::<u32>(&BEDS), None);
        let (errors, _) = problems.into_parts();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(5));
        assert_eq!(errors[0].column.as_deref(), Some("beds"));
        assert_eq!(errors[0].value.as_deref(), Some("-1"));
        assert_eq!(errors[0].message, "must not be negative");
    }

    #[test]
    fn lines_are_right_with_crlf_and_blank_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            &dir,
            "id,name\r\nS1,A\r\n\r\nS2,\"B\r\nb\"\r\n\r\n\r\nS3,C\r\n\n\nS4,D",
        );
        let problems = Problems::default();
        let table = Table::read(&path, COLUMNS[..2].as_ref(), &problems).unwrap();
        let lines: Vec<u64> = table.rows().map(|row| row.line).collect();
        assert_eq!(lines, [2, 4, 8, 11]);
    }

    #[test]
    fn missing_required_and_duplicate_columns_make_the_file_unusable() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "id,学校代码,beds\n");
        let problems = Problems::default();
        assert!(Table::read(&path, COLUMNS, &problems).is_none());
        let (errors, _) = problems.into_parts();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].message.contains("given twice"), "{}", errors[0]);
        assert_eq!(errors[1].column.as_deref(), Some("name"));
        assert!(errors[1]
            .message
            .contains("missing required column name (学校名称)"));
    }

    #[test]
    fn unknown_columns_warn_and_too_many_cells_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir, "id,name,备注\nS1,A,x,extra\nS2,B,,\n");
        let problems = Problems::default();
        let table = Table::read(&path, COLUMNS, &problems).unwrap();
        assert_eq!(table.rows().count(), 2);
        let (errors, warnings) = problems.into_parts();
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("备注") && warnings[0].contains("unknown column"));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, Some(2));
    }
}
