//! policy.toml loading, and `load`, which ties policy, horizon and data set
//! together.

mod common;

use std::path::Path;

use common::{date, find, Fixture};
use rotaplan::input::{load, load_policy, policy_from_value, Diagnostics};

fn policy_errors(text: &str) -> Vec<rotaplan::input::Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.toml");
    std::fs::write(&path, text).unwrap();
    match load_policy(Some(&path)) {
        Ok(_) => panic!("expected policy errors"),
        Err(Diagnostics(errors)) => errors,
    }
}

#[test]
fn no_file_gives_the_defaults() {
    let loaded = load_policy(None).unwrap();
    assert_eq!(loaded.policy, Default::default());
    assert_eq!(loaded.raw, toml::Value::Table(toml::Table::new()));
    assert_eq!(loaded.source, None);
}

#[test]
fn a_valid_file_is_read_and_its_table_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.toml");
    std::fs::write(
        &path,
        "[distance]\nmax_km = 40\n[eligibility]\nretirement_age = { F = 50 }\n[horizon]\nterms = [\n  { id = \"t1\", start = 2027-09-01, end = 2028-01-20 },\n]\n",
    )
    .unwrap();
    let loaded = load_policy(Some(&path)).unwrap();
    assert_eq!(loaded.policy.distance.max_km, 40.0);
    assert_eq!(loaded.policy.eligibility.retirement_age.female, 50);
    assert_eq!(loaded.policy.eligibility.retirement_age.male, 60);
    assert_eq!(loaded.raw["distance"]["max_km"].as_integer(), Some(40));
    assert_eq!(loaded.source.as_deref(), Some(path.as_path()));
}

#[test]
fn every_unknown_key_is_named_with_its_line() {
    let errors = policy_errors(
        "# comment\n[distance]\nmax_km = 40\nmax_kms = 50\n\n[limit]\nmax_away_fraction = 0.1\n[eligibility]\nretirement_age = { M = 60, X = 1 }\n",
    );
    let f = "policy.toml";
    let d = find(&errors, f, 4, "distance.max_kms");
    assert!(
        d.message
            .contains("unknown key; expected one of commute_km, max_km, road_factor"),
        "{d}"
    );
    let d = find(&errors, f, 6, "limit");
    assert!(
        d.message.contains("limits"),
        "the known keys are listed: {d}"
    );
    find(&errors, f, 9, "eligibility.retirement_age.X");
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[test]
fn an_unknown_key_inside_a_term_is_found() {
    let errors = policy_errors(
        "[horizon]\nterms = [\n  { id = \"a\", start = 2027-09-01, end = 2028-01-20 },\n  { id = \"b\", start = 2028-02-21, ende = 2028-07-10 },\n]\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    find(&errors, "policy.toml", 4, "horizon.terms[1].ende");
}

#[test]
fn syntax_errors_name_the_line() {
    let errors = policy_errors("[distance]\nmax_km = 40\ncommute_km = = 3\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].line, Some(3), "{}", errors[0]);
    assert!(
        errors[0].message.contains("not valid TOML"),
        "{}",
        errors[0]
    );
}

#[test]
fn every_badly_typed_value_is_named() {
    let errors = policy_errors(
        "seniority = \"loose\"\n[distance]\nmax_km = \"forty\"\n[quota]\nhard = 1\n[rotation]\nyears = -3\n",
    );
    let f = "policy.toml";
    let d = find(&errors, f, 3, "distance.max_km");
    assert_eq!(d.value.as_deref(), Some("forty"));
    assert_eq!(d.message, "expected a number");
    assert_eq!(
        find(&errors, f, 5, "quota.hard").message,
        "expected true or false"
    );
    find(&errors, f, 7, "rotation.years");
    find(&errors, f, 1, "seniority");
    assert_eq!(errors.len(), 4, "{errors:?}");
}

#[test]
fn value_problems_name_the_key_and_line() {
    let errors = policy_errors(
        "[limits]\nmax_away_fraction = 1.5\n\n[support]\nterms = 3\n[horizon]\nterms = [\n  { id = \"a\", start = 2027-09-01, end = 2028-01-20 },\n  { id = \"a\", start = 2028-02-21, end = 2028-07-10 },\n]\n",
    );
    let f = "policy.toml";
    assert!(find(&errors, f, 2, "limits.max_away_fraction")
        .message
        .contains("between 0 and 1"));
    assert!(find(&errors, f, 5, "support.terms")
        .message
        .contains("1 or 2"));
    assert!(find(&errors, f, 9, "horizon.terms[1]")
        .message
        .contains("used twice"));
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[test]
fn overrides_merged_into_the_table_are_validated_again() {
    let mut raw = load_policy(None).unwrap().raw;
    let source = Path::new("scenario:tight");
    let table = raw.as_table_mut().unwrap();
    table.insert("distance".into(), toml::toml! { max_km = 20 }.into());
    let policy = policy_from_value(raw.clone(), source).unwrap();
    assert_eq!(policy.distance.max_km, 20.0);

    raw["distance"]
        .as_table_mut()
        .unwrap()
        .insert("max_kms".into(), 3.into());
    let Diagnostics(errors) = policy_from_value(raw.clone(), source).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].file, source);
    assert_eq!(errors[0].column.as_deref(), Some("distance.max_kms"));
    assert_eq!(errors[0].line, None);

    raw["distance"].as_table_mut().unwrap().remove("max_kms");
    raw["distance"]["max_km"] = (-5).into();
    let Diagnostics(errors) = policy_from_value(raw, source).unwrap_err();
    assert_eq!(errors[0].column.as_deref(), Some("distance.max_km"));
    assert!(
        errors[0].message.contains("between 0 and 1000"),
        "{}",
        errors[0]
    );
}

#[test]
fn load_reads_the_data_folders_policy_and_its_horizon() {
    let fixture = Fixture::new();
    fixture.write(
        "policy.toml",
        "[horizon]\nterms = [{ id = \"T1\", start = 2026-09-01, end = 2027-01-20 }]\n",
    );
    fixture.replace("demand.csv", "2028-spring", "T1");
    let loaded = load(fixture.path(), None, date(2020, 1, 1)).unwrap();
    assert_eq!(loaded.horizon.terms.len(), 1);
    assert_eq!(loaded.horizon.first_day(), date(2026, 9, 1));
    assert_eq!(loaded.dataset.teachers.len(), 4);
    assert!(loaded.policy.source.is_some());
}

#[test]
fn without_a_policy_file_load_uses_the_next_school_year() {
    let fixture = Fixture::new();
    let loaded = load(fixture.path(), None, date(2027, 3, 1)).unwrap();
    assert_eq!(loaded.horizon, common::horizon());
    assert_eq!(loaded.policy.source, None);
}

#[test]
fn a_bad_policy_and_bad_data_are_reported_together() {
    let fixture = Fixture::new();
    let policy = fixture.path().join("other.toml");
    std::fs::write(&policy, "[quota]\nmin_fraction = 2\n").unwrap();
    fixture.replace("schools.csv", "rural", "countryside");
    let Diagnostics(errors) = load(fixture.path(), Some(&policy), date(2027, 3, 1)).unwrap_err();
    find(&errors, "other.toml", 2, "quota.min_fraction");
    find(&errors, "schools.csv", 4, "area");
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn a_missing_data_folder_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let Diagnostics(errors) = load(&dir.path().join("nope"), None, date(2027, 3, 1)).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].message.contains("not a folder"), "{}", errors[0]);
}
