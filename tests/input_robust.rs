//! Input that a failed HR export, a hostile user or an odd editor produces
//! (issue 14): each is an error with file and line, never a silently
//! smaller or stranger data set.

mod common;

use common::{assert_diag, find, Fixture};
use rotaplan::domain::Policy;
use rotaplan::input::{load_dataset, policy_from_value};

fn only_error(fixture: &Fixture) -> rotaplan::input::Diagnostic {
    let errors = fixture.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn a_required_table_with_a_header_and_no_rows_is_an_error() {
    for file in ["schools.csv", "teachers.csv", "demand.csv"] {
        let fixture = Fixture::new();
        let header = fixture.read(file).lines().next().unwrap().to_string();
        fixture.write(file, &format!("{header}\n"));
        let errors = fixture.errors();
        let error = errors
            .iter()
            .find(|d| d.file.ends_with(file))
            .unwrap_or_else(|| panic!("{file}: {errors:?}"));
        assert_eq!(error.line, Some(2), "{error}");
        assert!(error.message.contains("header but no rows"), "{error}");
    }
}

#[test]
fn an_unterminated_quote_is_an_error_on_its_line() {
    let fixture = Fixture::new();
    fixture.replace("teachers.csv", "senior,city,2,病休", "senior,city,2,\"病休");
    fixture.append(
        "teachers.csv",
        "T5,钱七,M,1990-01-01,S2,chinese,2012-09-01,2012-09-01,,,,,,,\n",
    );
    let error = only_error(&fixture);
    assert!(error.file.ends_with("teachers.csv"));
    assert_eq!(error.line, Some(5), "{error}");
    assert!(error.message.contains("never closed"), "{error}");
}

#[test]
fn a_stray_quote_that_swallows_rows_is_an_error() {
    let fixture = Fixture::new();
    // The quote opened on line 4 closes only on line 6's quoted name.
    fixture.replace(
        "teachers.csv",
        "Math,2018-09-01,2018-09-01,none,,0,,,",
        "Math,2018-09-01,2018-09-01,none,,0,\"x,,",
    );
    fixture.append(
        "teachers.csv",
        "T5,\"钱七\",M,1990-01-01,S2,chinese,2012-09-01,2012-09-01,,,,,,,\n",
    );
    let errors = fixture.errors();
    assert!(
        errors
            .iter()
            .any(|d| d.line == Some(4) && d.message.contains("whole rows")),
        "{errors:?}"
    );
}

#[test]
fn implausible_teacher_values_are_errors_naming_the_range() {
    let fixture = Fixture::new();
    // Born in year 0: would be exempt as close to retirement.
    fixture.replace("teachers.csv", "1980-05-01", "0000-01-01");
    // Hired at six.
    fixture.replace(
        "teachers.csv",
        "1985-03-12,S2,chinese,2007-09-01,2015-09-01",
        "2001-03-12,S2,chinese,2007-09-01,2015-09-01",
    );
    // Twelve rural years in a nine-year career (2018 to 2027).
    fixture.replace(
        "teachers.csv",
        "none,,0,,,2024-07-10",
        "none,,12,,,2024-07-10",
    );
    let errors = fixture.errors();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(find(&errors, "teachers.csv", 2, "birth_date")
        .message
        .contains("before 1947"));
    assert!(find(&errors, "teachers.csv", 3, "hire_date")
        .message
        .contains("16th birthday"));
    let rural = find(&errors, "teachers.csv", 4, "rural_years");
    assert!(
        rural.message.contains("longer than the teaching career"),
        "{rural}"
    );
}

#[test]
fn implausible_school_and_demand_values_are_errors_naming_the_range() {
    let fixture = Fixture::new();
    fixture.replace("schools.csv", "30.30,110.40,0,2", "30.30,110.40,0,1e308");
    fixture.replace("demand.csv", "S1,math,3,", "S1,math,300000,");
    let errors = fixture.errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_diag(
        find(&errors, "schools.csv", 4, "priority"),
        "1e308",
        "must lie between 0 and 100",
    );
    assert_diag(
        find(&errors, "demand.csv", 2, "posts"),
        "300000",
        "must lie between 0 and 10000",
    );
}

#[test]
fn implausible_policy_values_are_errors_naming_the_range() {
    for (table, key, value) in [
        ("weights", "shortage", 1e308),
        ("distance", "road_factor", 0.5),
        ("solver", "mip_gap", 2.0),
        ("solver", "time_limit_s", 1e9),
    ] {
        let text = format!("[{table}]\n{key} = {value:e}\n");
        let value: toml::Value = toml::from_str(&text).unwrap();
        let errors = policy_from_value(value, std::path::Path::new("policy.toml")).unwrap_err();
        assert_eq!(errors.0.len(), 1, "{errors}");
        let error = &errors.0[0];
        assert_eq!(
            error.column.as_deref(),
            Some(format!("{table}.{key}").as_str())
        );
        assert!(error.message.contains("must lie between"), "{error}");
    }
}

#[test]
fn a_file_with_lone_cr_line_ends_reports_the_right_lines() {
    let fixture = Fixture::new();
    let teachers = fixture.read("teachers.csv").replace('\n', "\r");
    fixture.write("teachers.csv", &teachers.replacen(",S3,", ",S9,", 1));
    let errors = fixture.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, Some(4), "{}", errors[0]);
}

#[test]
fn a_semicolon_separated_file_gets_one_error_naming_the_delimiter() {
    let fixture = Fixture::new();
    fixture.write("demand.csv", &common::DEMAND.replace(',', ";"));
    let error = only_error(&fixture);
    assert!(error.file.ends_with("demand.csv"));
    assert!(error.message.contains("semicolons"), "{error}");
}

#[test]
fn an_encoding_error_names_its_line() {
    let fixture = Fixture::new();
    let mut bytes = common::DEMAND.as_bytes().to_vec();
    bytes.extend_from_slice(b"S2,\xff\xfe,1,\n");
    fixture.write_bytes("demand.csv", &bytes);
    let error = only_error(&fixture);
    assert_eq!(error.line, Some(6), "{error}");
}

#[test]
fn many_unknown_columns_give_one_warning() {
    let fixture = Fixture::new();
    let extra: Vec<String> = (0..10_000).map(|i| format!("x{i}")).collect();
    let text = fixture.read("demand.csv");
    let mut lines = text.lines();
    let header = format!("{},{}", lines.next().unwrap(), extra.join(","));
    let body: Vec<String> = lines
        .map(|l| format!("{l}{}", ",".repeat(extra.len())))
        .collect();
    fixture.write("demand.csv", &format!("{header}\n{}\n", body.join("\n")));
    let dataset = fixture.loaded();
    assert_eq!(dataset.warnings.len(), 1, "{:?}", &dataset.warnings[..3]);
    assert!(dataset.warnings[0].contains("10000 unknown columns"));
    assert!(dataset.warnings[0].contains("and 9995 more"));
}

#[test]
fn control_characters_in_ids_are_errors() {
    let fixture = Fixture::new();
    fixture.replace("teachers.csv", "T3,", "T\u{0}3,");
    let errors = fixture.errors();
    assert!(
        errors
            .iter()
            .any(|d| d.line == Some(4) && d.message.contains("NUL")),
        "{errors:?}"
    );
    let fixture = Fixture::new();
    fixture.replace("schools.csv", "S3,", "S\u{1}3,");
    fixture.replace("teachers.csv", ",S3,", ",S\u{1}3,");
    fixture.replace("demand.csv", "S3,math,2,", "S\u{1}3,math,2,");
    fixture.replace("demand.csv", "S3,math,3,", "S\u{1}3,math,3,");
    let errors = fixture.errors();
    assert!(
        errors
            .iter()
            .any(|d| d.line == Some(4) && d.message.contains("control character")),
        "{errors:?}"
    );
}

#[test]
fn the_formula_guard_is_taken_off_every_cell_read() {
    let fixture = Fixture::new();
    // Written by a rotaplan writer for the id `=T3`.
    fixture.replace("teachers.csv", "T3,王芳", "'=T3,王芳");
    let dataset = load_dataset(fixture.path(), &Policy::default(), &common::horizon()).unwrap();
    assert!(dataset.teachers.iter().any(|t| t.id == "=T3"));
}
