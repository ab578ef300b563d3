//! A tiny valid data set in a temporary folder, and helpers to break it one
//! file at a time and look for the diagnostic the break should produce.
#![allow(dead_code)] // each test file uses a different part

pub mod county;
pub mod solving;

use std::path::Path;

use chrono::NaiveDate;
use rotaplan::domain::{Dataset, Horizon, Policy};
use rotaplan::input::{load_dataset, Diagnostic, Diagnostics};

pub const SCHOOLS: &str = "\
id,name,county,area,weak,group,group_role,lat,lon,beds,priority
S1,第一中学,A县,urban,0,G1,lead,30.00,110.00,4,1
S2,城关镇中学,A县,town,no,G1,member,30.10,110.10,2,
S3,山村小学,A县,rural,是,,,30.30,110.40,0,2
";

pub const TEACHERS: &str = "\
id,name,gender,birth_date,school_id,subjects,hire_date,school_since,title,backbone,rural_years,exempt,spouse_id,last_exchange_end,volunteer
T1,张伟,M,1980-05-01,S1,math;physics,2002-09-01,2010-09-01,first,county,0,,T2,,1
T2,李娜,F,1985-03-12,S2,chinese,2007-09-01,2015-09-01,second,none,1.5,,T1,,0
T3,王芳,F,1995-07-20,S3,Math,2018-09-01,2018-09-01,none,,0,,,2024-07-10,
T4,赵强,M,1968-01-15,S1,english,1990-09-01,1995-09-01,senior,city,2,病休,,,
";

pub const DEMAND: &str = "\
school_id,subject,posts,term
S1,math,3,
S2,chinese,2,
S3,math,2,
S3,math,3,2028-spring
";

/// The horizon every fixture is checked against: 2027-autumn (from
/// 2027-09-01) and 2028-spring.
pub fn horizon() -> Horizon {
    Horizon::next_school_year(date(2027, 3, 1))
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// The valid data set: three schools, four teachers, demand.
    pub fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        fixture.write("schools.csv", SCHOOLS);
        fixture.write("teachers.csv", TEACHERS);
        fixture.write("demand.csv", DEMAND);
        fixture
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, text: &str) {
        std::fs::write(self.dir.path().join(name), text).unwrap();
    }

    pub fn write_bytes(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.dir.path().join(name), bytes).unwrap();
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap()
    }

    /// Appends data rows; the first appended row of the valid
    /// schools.csv/teachers.csv/demand.csv is line 5, 6, 6.
    pub fn append(&self, name: &str, rows: &str) {
        let text = self.read(name) + rows;
        self.write(name, &text);
    }

    /// Replaces the first occurrence of `from`, which must be present.
    pub fn replace(&self, name: &str, from: &str, to: &str) {
        let text = self.read(name);
        assert!(text.contains(from), "{name} has no {from:?}");
        self.write(name, &text.replacen(from, to, 1));
    }

    pub fn load(&self) -> Result<Dataset, Diagnostics> {
        load_dataset(self.path(), &Policy::default(), &horizon())
    }

    pub fn loaded(&self) -> Dataset {
        match self.load() {
            Ok(dataset) => dataset,
            Err(errors) => panic!("expected a valid data set:\n{errors}"),
        }
    }

    /// The diagnostics of a load that must fail.
    pub fn errors(&self) -> Vec<Diagnostic> {
        match self.load() {
            Ok(_) => panic!("expected the load to fail"),
            Err(Diagnostics(errors)) => errors,
        }
    }
}

/// The one diagnostic on `file`, `line`, `column`; panics listing all of
/// them when there is not exactly one.
pub fn find<'a>(errors: &'a [Diagnostic], file: &str, line: u64, column: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = errors
        .iter()
        .filter(|d| {
            d.file.file_name().is_some_and(|name| name == file)
                && d.line == Some(line)
                && d.column.as_deref() == Some(column)
        })
        .collect();
    match found[..] {
        [one] => one,
        _ => panic!(
            "expected one diagnostic at {file}:{line} column {column}, found {}:\n{}",
            found.len(),
            Diagnostics(errors.to_vec())
        ),
    }
}

/// Asserts a diagnostic's value and that its message contains `words`.
pub fn assert_diag(diagnostic: &Diagnostic, value: &str, words: &str) {
    assert_eq!(diagnostic.value.as_deref(), Some(value), "{diagnostic}");
    assert!(
        diagnostic.message.contains(words),
        "message should contain {words:?}: {diagnostic}"
    );
}

/// Writes `csv` (a header and rows) as the first sheet of an Excel workbook
/// the way a person or an HR export would hold it: dates as date cells,
/// numbers as number cells, everything else as text.
pub fn write_workbook(path: &Path, csv: &str) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("人事导出").unwrap();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.as_bytes());
    for (row, record) in reader.records().enumerate() {
        for (col, cell) in record.unwrap().iter().enumerate() {
            let (row, col) = (row as u32, col as u16);
            if let Ok(day) = NaiveDate::parse_from_str(cell, "%Y-%m-%d") {
                use chrono::Datelike;
                let date =
                    ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)
                        .unwrap();
                sheet
                    .write_datetime_with_format(row, col, &date, &date_format)
                    .unwrap();
            } else if let Ok(number) = cell.parse::<f64>() {
                sheet.write_number(row, col, number).unwrap();
            } else if !cell.is_empty() {
                sheet.write_string(row, col, cell).unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}
