//! `in_force.csv` through the binary: last year's `roster.csv`, unchanged,
//! plans the county's second year. Its rotations are in force (they keep
//! their posts and their teachers), its one-year postings have ended and
//! set their teachers' cooldown.

mod cli_support;

use std::collections::BTreeSet;

use cli_support::{assert_exit, edit_csv, read_csv, run, stdout, summary, Sample};

/// The sample's policy moved one school year on.
fn next_year(sample: &Sample) {
    let path = sample.data().join("policy.toml");
    let policy = std::fs::read_to_string(&path).unwrap();
    let moved = policy
        .replace(
            r#"{ id = "2028-spring", start = 2028-02-21, end = 2028-07-10 }"#,
            r#"{ id = "2029-spring", start = 2029-02-21, end = 2029-07-10 }"#,
        )
        .replace(
            r#"{ id = "2027-autumn", start = 2027-09-01, end = 2028-01-20 }"#,
            r#"{ id = "2028-autumn", start = 2028-09-01, end = 2029-01-20 }"#,
        );
    assert_ne!(
        moved, policy,
        "the sample's horizon is 2027-autumn/2028-spring"
    );
    std::fs::write(&path, moved).unwrap();
    // Last year's locks and spring figures named last year's terms.
    std::fs::remove_file(sample.data().join("locks.csv")).unwrap();
    edit_csv(&sample.data().join("demand.csv"), |row| {
        let spring = row["term"] == "2028-spring";
        if spring {
            row.insert("term".into(), "2029-spring".into());
        }
        spring
    });
    // The sample's own in-force file gives way to last year's roster, so
    // the ends it explained go too.
    edit_csv(&sample.data().join("teachers.csv"), |row| {
        let running = row["last_exchange_end"].as_str() >= "2028-09-01";
        if running {
            row.insert("last_exchange_end".into(), String::new());
        }
        running
    });
}

#[test]
fn last_years_roster_is_this_years_in_force_file() {
    let sample = Sample::new();
    let last_year = sample.solve_and_keep("last-year.csv");
    let rows = read_csv(&last_year);
    let rotations = rows.iter().filter(|r| r["kind"] == "rotation").count();
    assert!(
        rotations > 0 && rotations < rows.len(),
        "rotations and others"
    );

    next_year(&sample);
    std::fs::copy(&last_year, sample.data().join("in_force.csv")).unwrap();
    let data = sample.data();
    let output = run(["validate".as_ref(), data.as_os_str()]);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains(&format!("{rotations} exchanges in force")),
        "{}",
        stdout(&output)
    );

    let output = run(["solve".as_ref(), data.as_os_str()]);
    assert_exit(&output, 0);
    assert_eq!(summary(&sample.out())["in_force"], rotations);
    // Rotations still run; support and shadowing ended in July and their
    // teachers cool down: nobody of last year goes again.
    let last: BTreeSet<&str> = rows.iter().map(|r| r["teacher_id"].as_str()).collect();
    let roster = read_csv(&sample.out().join("roster.csv"));
    assert!(!roster.is_empty());
    for row in &roster {
        assert!(!last.contains(row["teacher_id"].as_str()), "{row:?}");
    }
    // Each rotation still holds its post at the host: "before" counts it.
    let coverage = read_csv(&sample.out().join("coverage.csv"));
    let rotation = rows.iter().find(|r| r["kind"] == "rotation").unwrap();
    let host_row = |term: &str| {
        coverage
            .iter()
            .find(|c| {
                c["school_id"] == rotation["host_school_id"]
                    && c["subject"] == rotation["subject"]
                    && c["term"] == term
            })
            .unwrap_or_else(|| panic!("no coverage row for {rotation:?}"))
            .clone()
    };
    let staff: u32 = host_row("2028-autumn")["staff_before"].parse().unwrap();
    assert!(staff >= 1, "{:?}", host_row("2028-autumn"));

    let roster_path = sample.out().join("roster.csv");
    let output = run(["check".as_ref(), data.as_os_str(), roster_path.as_os_str()]);
    assert_exit(&output, 0);

    // Without the file, last year's rotation teachers count as home staff
    // and may be sent again.
    std::fs::remove_file(data.join("in_force.csv")).unwrap();
    let output = run(["validate".as_ref(), data.as_os_str()]);
    assert_exit(&output, 0);
    assert!(stdout(&output).contains(" 0 exchanges in force"));
}

#[test]
fn an_in_force_row_starting_in_the_horizon_is_an_error() {
    let sample = Sample::new();
    let data = sample.data();
    let teachers = read_csv(&data.join("teachers.csv"));
    let t = &teachers[0];
    let host = read_csv(&data.join("schools.csv"))
        .into_iter()
        .find(|s| s["id"] != t["school_id"])
        .unwrap();
    std::fs::write(
        data.join("in_force.csv"),
        format!(
            "工号,交流类型,学科,派出学校代码,接收学校代码,开始日期,结束日期\n\
             {id},交流轮岗,{subject},{home},{host},2027-09-01,2030-08-31\n\
             {id},轮岗,{subject},{home},{host},2026-09-01,2026-08-31\n",
            id = t["id"],
            subject = t["subjects"].split(';').next().unwrap(),
            home = t["school_id"],
            host = host["id"],
        ),
    )
    .unwrap();
    let output = run(["validate".as_ref(), data.as_os_str()]);
    assert_exit(&output, 1);
    let errors = cli_support::stderr(&output);
    assert!(
        errors.contains("in_force.csv:2: column 开始日期, value \"2027-09-01\": starts on or after the horizon's first day"),
        "{errors}"
    );
    assert!(
        errors.contains(
            "in_force.csv:3: column 结束日期, value \"2026-08-31\": is before start_date"
        ),
        "{errors}"
    );
}
