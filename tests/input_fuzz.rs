//! Nothing panics on any input: random CSV-ish text in every file and
//! random TOML-ish policies only ever give diagnostics.

mod common;

use common::{date, Fixture};
use proptest::prelude::*;
use rotaplan::input::{load, read_roster};

/// Text made of the characters that matter to the parsers.
fn csvish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(",".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("\"".to_string()),
            Just(";".to_string()),
            Just("'=".to_string()),
            Just("-1".to_string()),
            Just("2027/9/1".to_string()),
            Just("S1".to_string()),
            Just("T1".to_string()),
            Just("学校代码".to_string()),
            Just("id".to_string()),
            Just("school_id".to_string()),
            Just("teacher_id".to_string()),
            "[a-z0-9 ]{0,4}",
        ],
        0..60,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_files_never_panic(
        header_file in 0usize..7,
        body in csvish(),
        raw in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        let fixture = Fixture::new();
        let files = ["schools.csv", "teachers.csv", "demand.csv", "distances.csv",
                     "preferences.csv", "locks.csv", "forbidden.csv"];
        let valid = match header_file {
            0 => common::SCHOOLS, 1 => common::TEACHERS, 2 => common::DEMAND,
            3 => "from_id,to_id,km\n", 4 => "teacher_id,school_id,rank\n",
            5 => "teacher_id,host_school_id,kind,subject,start_term\n",
            _ => "teacher_id,school_id\n",
        };
        fixture.write(files[header_file], &format!("{valid}{body}"));
        let _ = fixture.load();
        fixture.write_bytes(files[(header_file + 1) % 7], &raw);
        let _ = fixture.load();
        fixture.write("roster.csv", &body);
        let _ = read_roster(&fixture.path().join("roster.csv"));
    }

    #[test]
    fn random_policies_never_panic(
        text in proptest::collection::vec(
            prop_oneof![
                Just("[horizon]\n"), Just("terms = ["), Just("{ id = \"a\", start = 2027-09-01, end = 2026-01-01 }"),
                Just("]\n"), Just("[distance]\n"), Just("max_km = -1\n"), Just("x = 1\n"),
                Just("[eligibility.retirement_age]\n"), Just("M = \"x\"\n"), Just(","), Just("\n"),
                Just("start = 2027-09-01T10:00:00\n"),
            ],
            0..12,
        ).prop_map(|pieces| pieces.concat())
    ) {
        let fixture = Fixture::new();
        fixture.write("policy.toml", &text);
        let _ = load(fixture.path(), None, date(2027, 3, 1));
    }
}
