//! `roster.xlsx` (SPEC §4), for the people who approve and post the plan,
//! in the policy's `[output] language`:
//!
//! - the roster, with school names beside the codes and Chinese headers
//!   (the roster readers' own names, so `check` reads this sheet too);
//! - the public list (公示名单), ready to print: number, name, home and host
//!   school, kind, subject, dates, and nothing else personal;
//! - per school, subject and term: demand, staff before, departures,
//!   arrivals, staff after, shortage before and after;
//! - the summary with the targets and the warnings.
//!
//! Header rows are frozen and columns are as wide as their widest cell.
//! The document's timestamps are fixed, so the same roster gives the same
//! bytes.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::domain::Kind;
use crate::lang::{Language, Msg};
use crate::roster::{RosterRow, HEADER, HEADER_ZH};

use super::coverage::CoverageRow;
use super::summary::Summary;
use super::table::display_width;

/// (school id, subject, term id) → the roster's departures and arrivals
/// there (arrivals that take a post).
pub(crate) type Movements = HashMap<(String, String, String), Movement>;

/// What the workbook needs beyond the roster, coverage and summary.
#[derive(Clone, Debug, Default)]
pub(crate) struct WorkbookFacts<'a> {
    pub(crate) language: Language,
    /// School id → name.
    pub(crate) school_names: HashMap<&'a str, &'a str>,
    /// `None`: not known; the per-school sheet leaves the columns out.
    pub(crate) movements: Option<&'a Movements>,
}

/// Teachers leaving and arriving at a school in a subject and term.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Movement {
    pub(crate) departures: u32,
    pub(crate) arrivals: u32,
}

/// The widest a column gets, in characters of width 1.
const MAX_WIDTH: usize = 60;

/// The formats every sheet uses.
struct Formats {
    header: Format,
    title: Format,
    date: Format,
    km: Format,
    cell: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new().set_border(FormatBorder::Thin);
        Formats {
            header: cell.clone().set_bold().set_background_color(0xDDEBF7),
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            date: cell.clone().set_num_format("yyyy-mm-dd"),
            km: cell.clone().set_num_format("0.0"),
            cell,
        }
    }
}

/// One cell to write.
enum Value<'a> {
    Text(&'a str),
    Number(f64),
    /// A `YYYY-MM-DD` cell: a date cell when it parses, text otherwise.
    Date(&'a str),
    /// A `distance_km` cell: a number with one decimal when it parses.
    Km(&'a str),
}

/// A sheet being written: tracks each column's widest cell.
struct Sheet<'w> {
    sheet: &'w mut Worksheet,
    widths: BTreeMap<u16, usize>,
    formats: &'w Formats,
}

impl<'w> Sheet<'w> {
    fn new(
        workbook: &'w mut Workbook,
        name: Msg,
        language: Language,
        formats: &'w Formats,
    ) -> Result<Sheet<'w>, XlsxError> {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name.text(language))?;
        Ok(Sheet {
            sheet,
            widths: BTreeMap::new(),
            formats,
        })
    }

    fn header(&mut self, row: u32, labels: &[&str]) -> Result<(), XlsxError> {
        for (col, label) in labels.iter().enumerate() {
            let col = col as u16;
            self.sheet
                .write_string_with_format(row, col, *label, &self.formats.header)?;
            self.fit(col, label);
        }
        self.sheet.set_freeze_panes(row + 1, 0)?;
        Ok(())
    }

    fn row(&mut self, row: u32, values: &[Value]) -> Result<(), XlsxError> {
        for (col, value) in values.iter().enumerate() {
            let col = col as u16;
            let f = self.formats;
            match *value {
                Value::Text(text) => {
                    self.sheet
                        .write_string_with_format(row, col, text, &f.cell)?;
                    self.fit(col, text);
                }
                Value::Number(n) => {
                    self.sheet.write_number_with_format(row, col, n, &f.cell)?;
                    self.fit(col, &n.to_string());
                }
                Value::Date(text) => {
                    match text.parse::<NaiveDate>().ok().and_then(excel_date) {
                        Some(date) => {
                            self.sheet
                                .write_datetime_with_format(row, col, &date, &f.date)?;
                        }
                        None => {
                            self.sheet
                                .write_string_with_format(row, col, text, &f.cell)?;
                        }
                    }
                    self.fit(col, text);
                }
                Value::Km(text) => {
                    match text.parse::<f64>() {
                        Ok(km) => self.sheet.write_number_with_format(row, col, km, &f.km)?,
                        Err(_) => self
                            .sheet
                            .write_string_with_format(row, col, text, &f.cell)?,
                    };
                    self.fit(col, text);
                }
            }
        }
        Ok(())
    }

    fn fit(&mut self, col: u16, text: &str) {
        let width = self.widths.entry(col).or_insert(0);
        *width = (*width).max(display_width(text));
    }

    /// Sets every column to its widest cell, plus a margin.
    fn finish(self) -> Result<(), XlsxError> {
        for (col, width) in self.widths {
            self.sheet
                .set_column_width(col, (width.min(MAX_WIDTH) + 2) as f64)?;
        }
        Ok(())
    }
}

fn excel_date(date: NaiveDate) -> Option<ExcelDateTime> {
    ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8).ok()
}

/// Renders the workbook. The same inputs give the same bytes.
pub(crate) fn render_workbook(
    roster: &[RosterRow],
    coverage: &[CoverageRow],
    summary: &Summary,
    facts: &WorkbookFacts,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    let formats = Formats::new();
    roster_sheet(&mut workbook, &formats, roster, facts)?;
    public_sheet(&mut workbook, &formats, roster, summary, facts)?;
    schools_sheet(&mut workbook, &formats, coverage, facts)?;
    summary_sheet(&mut workbook, &formats, summary, facts)?;
    workbook.save_to_buffer()
}

/// A kind cell for people: the Chinese or English name, or the cell as it is.
fn kind_name(language: Language, kind: &str) -> String {
    kind.parse::<Kind>()
        .map_or_else(|_| kind.to_string(), |k| language.kind(k).to_string())
}

fn school_name<'f>(facts: &WorkbookFacts<'f>, id: &'f str) -> &'f str {
    facts.school_names.get(id).copied().unwrap_or(id)
}

/// The roster sheet: the CSV's columns (kind and `needs_bed` in words),
/// each school code followed by the school's name.
fn roster_sheet(
    workbook: &mut Workbook,
    formats: &Formats,
    roster: &[RosterRow],
    facts: &WorkbookFacts,
) -> Result<(), XlsxError> {
    let language = facts.language;
    let names = match language {
        Language::Zh => HEADER_ZH,
        Language::En => HEADER,
    };
    let mut header: Vec<&str> = names.to_vec();
    header.insert(5, Msg::ColHomeName.text(language));
    header.insert(7, Msg::ColHostName.text(language));
    let mut sheet = Sheet::new(workbook, Msg::SheetRoster, language, formats)?;
    sheet.header(0, &header)?;
    for (i, row) in roster.iter().enumerate() {
        let kind = kind_name(language, &row.kind);
        let bed = match row.needs_bed.as_str() {
            "true" => Msg::Yes.text(language),
            "false" => Msg::No.text(language),
            other => other,
        };
        sheet.row(
            i as u32 + 1,
            &[
                Value::Text(&row.teacher_id),
                Value::Text(&row.teacher_name),
                Value::Text(&kind),
                Value::Text(&row.subject),
                Value::Text(&row.home_school_id),
                Value::Text(school_name(facts, &row.home_school_id)),
                Value::Text(&row.host_school_id),
                Value::Text(school_name(facts, &row.host_school_id)),
                Value::Text(&row.start_term),
                Value::Text(&row.end_term),
                Value::Date(&row.start_date),
                Value::Date(&row.end_date),
                Value::Km(&row.distance_km),
                Value::Text(bed),
                Value::Text(&row.reasons),
            ],
        )?;
    }
    sheet.finish()
}

/// 公示名单: a title, then one numbered row per exchange with names of
/// people and schools only, set up to print on pages one wide.
fn public_sheet(
    workbook: &mut Workbook,
    formats: &Formats,
    roster: &[RosterRow],
    summary: &Summary,
    facts: &WorkbookFacts,
) -> Result<(), XlsxError> {
    let language = facts.language;
    let header = [
        Msg::ColNumber,
        Msg::ColName,
        Msg::ColHomeName,
        Msg::ColHostName,
        Msg::ColKind,
        Msg::ColSubject,
        Msg::ColDates,
    ]
    .map(|m| m.text(language));
    let mut sheet = Sheet::new(workbook, Msg::SheetPublic, language, formats)?;
    let first = summary.horizon.first().map_or("", String::as_str);
    let last = summary.horizon.last().map_or("", String::as_str);
    let title = Msg::PublicTitle.fill(language, &[("first", &first), ("last", &last)]);
    sheet
        .sheet
        .merge_range(0, 0, 0, header.len() as u16 - 1, &title, &formats.title)?;
    sheet.header(1, &header)?;
    for (i, row) in roster.iter().enumerate() {
        let dates = Msg::DateRange.fill(
            language,
            &[("start", &row.start_date), ("end", &row.end_date)],
        );
        sheet.row(
            i as u32 + 2,
            &[
                Value::Number((i + 1) as f64),
                Value::Text(&row.teacher_name),
                Value::Text(school_name(facts, &row.home_school_id)),
                Value::Text(school_name(facts, &row.host_school_id)),
                Value::Text(&kind_name(language, &row.kind)),
                Value::Text(&row.subject),
                Value::Text(&dates),
            ],
        )?;
    }
    sheet.sheet.set_landscape();
    sheet.sheet.set_repeat_rows(0, 1)?;
    sheet.sheet.set_print_fit_to_pages(1, 0);
    sheet.finish()
}

/// Per school, subject and term: the coverage figures with the roster's
/// departures and arrivals between staff before and after.
fn schools_sheet(
    workbook: &mut Workbook,
    formats: &Formats,
    coverage: &[CoverageRow],
    facts: &WorkbookFacts,
) -> Result<(), XlsxError> {
    let language = facts.language;
    let mut columns = vec![
        Msg::ColCounty,
        Msg::ColSchoolId,
        Msg::ColSchoolName,
        Msg::ColSubject,
        Msg::ColTerm,
        Msg::ColDemand,
        Msg::ColStaffBefore,
        Msg::ColStaffAfter,
        Msg::ColShortageBefore,
        Msg::ColShortageAfter,
    ];
    if facts.movements.is_some() {
        columns.splice(7..7, [Msg::ColDepartures, Msg::ColArrivals]);
    }
    let header: Vec<&str> = columns.iter().map(|m| m.text(language)).collect();
    let mut sheet = Sheet::new(workbook, Msg::SheetSchools, language, formats)?;
    sheet.header(0, &header)?;
    for (i, row) in coverage.iter().filter(|r| r.is_reported()).enumerate() {
        let n = |v: u32| Value::Number(f64::from(v));
        let mut values = vec![
            Value::Text(&row.county),
            Value::Text(&row.school_id),
            Value::Text(school_name(facts, &row.school_id)),
            Value::Text(&row.subject),
            Value::Text(&row.term),
            n(row.demand),
            n(row.staff_before),
            n(row.staff_after),
            n(row.shortage_before),
            n(row.shortage_after),
        ];
        if let Some(movements) = facts.movements {
            let key = (row.school_id.clone(), row.subject.clone(), row.term.clone());
            let movement = movements.get(&key).copied().unwrap_or_default();
            values.splice(7..7, [n(movement.departures), n(movement.arrivals)]);
        }
        sheet.row(i as u32 + 1, &values)?;
    }
    sheet.finish()
}

/// The key figures, the targets per county and the warnings.
fn summary_sheet(
    workbook: &mut Workbook,
    formats: &Formats,
    summary: &Summary,
    facts: &WorkbookFacts,
) -> Result<(), XlsxError> {
    let language = facts.language;
    let mut sheet = Sheet::new(workbook, Msg::SheetSummary, language, formats)?;
    sheet.header(
        0,
        &[Msg::ColFigure, Msg::ColValue].map(|m| m.text(language)),
    )?;
    let e = &summary.exchanges;
    let objective = summary
        .objective
        .map_or_else(String::new, |v| format!("{v:.2}"));
    let figures: Vec<(&str, Value)> = vec![
        (
            Msg::TableStatus.text(language),
            Value::Text(language.status(summary.status)),
        ),
        (Msg::TableObjective.text(language), Value::Text(&objective)),
        (
            Msg::FigTeachers.text(language),
            Value::Number(summary.teachers.into()),
        ),
        (
            Msg::FigSchools.text(language),
            Value::Number(summary.schools.into()),
        ),
        (
            Msg::FigEligible.text(language),
            Value::Number(summary.eligible.into()),
        ),
        (
            Msg::TableExchanges.text(language),
            Value::Number(e.total.into()),
        ),
        (
            language.kind(Kind::Rotation),
            Value::Number(e.rotation.into()),
        ),
        (
            language.kind(Kind::Support),
            Value::Number(e.support.into()),
        ),
        (language.kind(Kind::Shadow), Value::Number(e.shadow.into())),
        (
            language.kind(Kind::Secondment),
            Value::Number(e.secondment.into()),
        ),
        (
            Msg::FigShortageBefore.text(language),
            Value::Number(summary.shortage_before as f64),
        ),
        (
            Msg::FigShortageAfter.text(language),
            Value::Number(summary.shortage_after as f64),
        ),
        (
            Msg::FigRuralBefore.text(language),
            Value::Number(summary.rural_shortage_before as f64),
        ),
        (
            Msg::FigRuralAfter.text(language),
            Value::Number(summary.rural_shortage_after as f64),
        ),
    ];
    let mut row = 1;
    for (label, value) in figures {
        sheet.row(row, &[Value::Text(label), value])?;
        row += 1;
    }
    row += 1;
    let targets = [
        Msg::ColCounty,
        Msg::TableEligible,
        Msg::ColRequired,
        Msg::ColAchieved,
        Msg::ColBackboneRequired,
        Msg::ColBackboneAchieved,
    ]
    .map(|m| m.text(language));
    sheet.header(row, &targets)?;
    sheet.sheet.set_freeze_panes(1, 0)?;
    row += 1;
    for (county, q) in &summary.quota {
        let n = |v: u32| Value::Number(f64::from(v));
        sheet.row(
            row,
            &[
                Value::Text(county),
                n(q.eligible),
                n(q.required),
                n(q.achieved),
                n(q.backbone_required),
                n(q.backbone_achieved),
            ],
        )?;
        row += 1;
    }
    if !summary.warnings.is_empty() {
        row += 1;
        sheet.header(row, &[Msg::ColWarning.text(language)])?;
        sheet.sheet.set_freeze_panes(1, 0)?;
        for warning in &summary.warnings {
            row += 1;
            sheet.row(row, &[Value::Text(warning)])?;
        }
    }
    sheet.finish()
}
