//! Re-optimization (`solve --previous`, SPEC §5) through the binary, on a
//! copy of `data/sample`: a small change in the data gives a small change in
//! the roster, exchanges already running by `--as-of` stay exactly as they
//! are, and identical runs write identical files.

mod cli_support;

use std::path::Path;

use cli_support::{
    assert_exit, changed_teachers, exchanges, read_csv, run, solve, stdout, summary, Row, Sample,
};

/// A re-solve that changes at most this many teachers is "few changes" on
/// the sample (about 100 exchanges): the teacher taken out and one
/// replacement, with room for two knock-on moves. With refills a
/// replacement's own post may be refilled in turn, and a change (tier 6,
/// weight 1) is far below what the policy's gap (1e-4, about 200 units on
/// the sample) lets the solver leave unproven.
const FEW: usize = 4;

/// The first row of a roster that is not a lock (a lock cannot change).
fn first_unlocked(roster: &Path) -> Row {
    read_csv(roster)
        .into_iter()
        .find(|row| !row["reasons"].split(';').any(|r| r == "locked"))
        .expect("a roster row that is not locked")
}

/// `rotaplan check DATA ROSTER` passes.
fn assert_checks(data: &Path, roster: &Path) {
    let output = run([
        "check".as_ref(),
        data.as_os_str(),
        roster.as_os_str(),
        "--as-of".as_ref(),
        cli_support::AS_OF.as_ref(),
    ]);
    assert_exit(&output, 0);
}

/// The summary's `changed_vs_previous` agrees with the rosters, and the
/// printed list has one line per change.
fn assert_changes_reported(sample: &Sample, previous: &Path, printed: &str) -> Vec<String> {
    let changed = changed_teachers(previous, &sample.out().join("roster.csv"));
    let figures = &summary(&sample.out())["changed_vs_previous"];
    let counted = ["added", "removed", "moved"]
        .iter()
        .map(|k| figures[k].as_u64().unwrap() as usize)
        .sum::<usize>();
    assert_eq!(counted, changed.len(), "{figures}");
    let listed: Vec<&str> = figures["list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["teacher_id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, changed);
    for id in &changed {
        let lines = printed
            .lines()
            .filter(|line| {
                let mut words = line.split_whitespace();
                matches!(words.next(), Some("added" | "removed" | "moved"))
                    && words.next() == Some(id.as_str())
            })
            .count();
        assert_eq!(lines, 1, "no change line for {id}:\n{printed}");
    }
    changed
}

#[test]
fn exempting_one_teacher_changes_the_roster_only_where_it_must() {
    let sample = Sample::new();
    let previous = sample.solve_and_keep("previous.csv");
    let gone = first_unlocked(&previous)["teacher_id"].clone();
    sample.set_teacher(&gone, "exempt", "病假");

    let output = solve(&sample.data(), &["--previous", previous.to_str().unwrap()]);
    assert_exit(&output, 0);
    let roster = sample.out().join("roster.csv");
    assert!(
        !exchanges(&roster).contains_key(&gone),
        "{gone} is exempt but still in the roster"
    );
    let printed = stdout(&output);
    let changed = assert_changes_reported(&sample, &previous, &printed);
    assert!(changed.contains(&gone), "{changed:?}");
    assert!(
        changed.len() <= FEW,
        "exempting one teacher changed {} teachers: {changed:?}\n{printed}",
        changed.len()
    );
    let figures = &summary(&sample.out())["changed_vs_previous"];
    assert!(figures["removed"].as_u64().unwrap() >= 1, "{figures}");
    assert!(
        printed
            .lines()
            .any(|l| l.starts_with(&format!("removed {gone} "))
                && l.contains("(why: rule 3 (exemptions): ")
                && l.contains("exempt (病假)")),
        "{printed}"
    );
    assert_checks(&sample.data(), &roster);
}

#[test]
fn changing_one_demand_figure_changes_the_roster_only_where_it_must() {
    let sample = Sample::new();
    let previous = sample.solve_and_keep("previous.csv");
    // One post fewer at the host of an exchange, in its subject.
    let row = first_unlocked(&previous);
    let changed_lines = cli_support::edit_csv(&sample.data().join("demand.csv"), |demand| {
        let hit =
            demand["school_id"] == row["host_school_id"] && demand["subject"] == row["subject"];
        if hit {
            let posts: u32 = demand["posts"].parse().unwrap();
            demand.insert("posts".into(), (posts - 1).to_string());
        }
        hit
    });
    assert!(changed_lines >= 1);

    let output = solve(&sample.data(), &["--previous", previous.to_str().unwrap()]);
    assert_exit(&output, 0);
    let printed = stdout(&output);
    let changed = assert_changes_reported(&sample, &previous, &printed);
    assert!(
        changed.len() <= FEW,
        "one post less changed {} teachers: {changed:?}\n{printed}",
        changed.len()
    );
    assert_checks(&sample.data(), &sample.out().join("roster.csv"));
}

/// When the host of an exchange no longer needs the post (demand.csv now
/// asks for no posts of that subject there: as many as its own staff would
/// still leave room for a refill), every previous exchange into that post
/// changes, and a removal's printed why names the demand, not
/// "re-optimized".
#[test]
fn a_post_no_longer_short_is_why_an_exchange_was_removed() {
    let sample = Sample::new();
    let previous = sample.solve_and_keep("previous.csv");
    let row = read_csv(&previous)
        .into_iter()
        .find(|row| row["kind"] != "shadow" && !row["reasons"].split(';').any(|r| r == "locked"))
        .expect("an unlocked rotation or support");
    let (host, subject) = (row["host_school_id"].clone(), row["subject"].clone());
    let edited = cli_support::edit_csv(&sample.data().join("demand.csv"), |demand| {
        let hit = demand["school_id"] == host && demand["subject"] == subject;
        if hit {
            demand.insert("posts".into(), "0".into());
        }
        hit
    });
    assert!(edited >= 1);

    let output = solve(&sample.data(), &["--previous", previous.to_str().unwrap()]);
    assert_exit(&output, 0);
    let printed = stdout(&output);
    let into_post: Vec<String> = read_csv(&previous)
        .into_iter()
        .filter(|r| r["host_school_id"] == host && r["subject"] == subject && r["kind"] != "shadow")
        .map(|r| r["teacher_id"].clone())
        .collect();
    let why = format!("(why: {host} is no longer short in {subject} in ");
    for id in &into_post {
        let line = printed
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(id.as_str()))
            .unwrap_or_else(|| {
                panic!("{id} went into a post that is gone but did not change:\n{printed}")
            });
        assert!(
            line.starts_with("moved ") || (line.starts_with("removed ") && line.contains(&why)),
            "{line}"
        );
    }
    assert_checks(&sample.data(), &sample.out().join("roster.csv"));
}

/// An exchange that started on or before `--as-of` is a fact: it stays
/// exactly as it is even when today's data would drop it (the teacher is
/// now exempt and the host no longer needs the post). Before it starts, it
/// is an ordinary plan and goes.
#[test]
fn an_exchange_started_before_as_of_survives() {
    let sample = Sample::new();
    let previous = sample.solve_and_keep("previous.csv");
    let row = first_unlocked(&previous);
    assert_eq!(row["start_date"], "2027-09-01");
    let teacher = row["teacher_id"].clone();
    sample.set_teacher(&teacher, "exempt", "病假");
    cli_support::edit_csv(&sample.data().join("demand.csv"), |demand| {
        let hit =
            demand["school_id"] == row["host_school_id"] && demand["subject"] == row["subject"];
        if hit {
            demand.insert("posts".into(), "0".into());
        }
        hit
    });
    let prev = previous.to_str().unwrap();
    let resolve = |as_of: &str| {
        let output = cli_support::rotaplan()
            .arg("solve")
            .arg(sample.data())
            .args(["--previous", prev, "--as-of", as_of])
            .output()
            .unwrap();
        assert_exit(&output, 0);
        read_csv(&sample.out().join("roster.csv"))
    };

    let started = resolve("2027-10-01");
    let now = started
        .iter()
        .find(|r| r["teacher_id"] == teacher)
        .unwrap_or_else(|| panic!("the running exchange of {teacher} was dropped"));
    for column in cli_support::EXCHANGE_COLUMNS
        .into_iter()
        .chain(["start_date", "end_date"])
    {
        assert_eq!(now[column], row[column], "{column} changed");
    }
    let reasons: Vec<&str> = now["reasons"].split(';').collect();
    assert!(reasons.contains(&"kept"), "{reasons:?}");
    // Every exchange of the previous roster that started by 2027-10-01 is
    // kept; the others (spring shadowing) stay as they were too.
    assert_eq!(
        cli_support::changed_teachers(&previous, &sample.out().join("roster.csv")),
        Vec::<String>::new()
    );
    assert!(started
        .iter()
        .filter(|r| r["start_date"].as_str() <= "2027-10-01")
        .all(|r| r["reasons"].split(';').any(|c| c == "kept")));

    let planned = resolve("2027-08-01");
    assert!(
        planned.iter().all(|r| r["teacher_id"] != teacher),
        "{teacher} is exempt and the exchange had not started, yet it stays"
    );
    assert!(planned
        .iter()
        .all(|r| !r["reasons"].split(';').any(|c| c == "kept")));
}

fn outputs(out: &Path) -> (Vec<u8>, Vec<u8>) {
    (
        std::fs::read(out.join("roster.csv")).unwrap(),
        std::fs::read(out.join("coverage.csv")).unwrap(),
    )
}

/// SPEC §4: same inputs, policy and thread count, byte-identical roster and
/// coverage, for a re-optimization too.
#[test]
fn a_re_solve_twice_writes_identical_files() {
    let sample = Sample::new();
    let previous = sample.solve_and_keep("previous.csv");
    let row = first_unlocked(&previous);
    sample.set_teacher(&row["teacher_id"], "exempt", "病假");
    let args = ["--previous", previous.to_str().unwrap()];
    assert_exit(&solve(&sample.data(), &args), 0);
    let first = outputs(&sample.out());
    assert_exit(&solve(&sample.data(), &args), 0);
    assert!(
        first == outputs(&sample.out()),
        "the re-solve is not deterministic"
    );
}

#[test]
fn a_solve_twice_writes_identical_files_with_one_thread_and_with_default_threads() {
    let sample = Sample::new();
    for threads in [Some("1"), None] {
        let args: Vec<&str> = threads.map_or(vec![], |n| vec!["--threads", n]);
        assert_exit(&solve(&sample.data(), &args), 0);
        let first = outputs(&sample.out());
        assert_exit(&solve(&sample.data(), &args), 0);
        assert!(
            first == outputs(&sample.out()),
            "not deterministic with threads {threads:?}"
        );
    }
}
