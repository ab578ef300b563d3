//! `check --against`, `explain` and `suggest` through the binary, on a copy
//! of the sample county.

mod cli_support;

use cli_support::{assert_exit, read_csv, run, stdout, Sample, AS_OF};
use rotaplan::domain::Kind;

/// The value column of `tier N name value …` lines (the score and the
/// comparison print the same layout: name padded to 28, value to 10).
fn tier_values(text: &str, after: &str) -> Vec<(u8, f64)> {
    let start = text
        .find(after)
        .unwrap_or_else(|| panic!("no {after:?} in:\n{text}"));
    text[start..]
        .lines()
        .skip(1)
        .map(str::trim_start)
        .take_while(|l| l.starts_with("tier "))
        .map(|l| {
            let tier: u8 = l[5..6].parse().unwrap();
            let value = l[7 + 29..7 + 29 + 10].trim();
            (tier, value.trim_start_matches('+').parse().unwrap())
        })
        .collect()
}

fn check(sample: &Sample, roster: &std::path::Path, against: Option<&std::path::Path>) -> String {
    let mut args = vec![
        "check".into(),
        sample.data().display().to_string(),
        roster.display().to_string(),
        "--as-of".into(),
        AS_OF.into(),
    ];
    if let Some(other) = against {
        args.extend(["--against".into(), other.display().to_string()]);
    }
    let output = run(&args);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stdout(&output)
    );
    stdout(&output)
}

/// A hand edit (one exchange dropped): `--against` prints, tier by tier,
/// the difference of the two rosters' separate scores, and says it in words.
#[test]
fn check_against_is_the_difference_of_two_separate_scores() {
    let sample = Sample::new();
    let original = sample.solve_and_keep("original.csv");
    let edited = sample.file("edited.csv");
    let text = std::fs::read_to_string(&original).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let dropped = lines.remove(1).to_string();
    std::fs::write(&edited, lines.join("\n") + "\n").unwrap();

    let alone = tier_values(&check(&sample, &edited, None), "score, tier by tier:");
    let base = tier_values(&check(&sample, &original, None), "score, tier by tier:");
    let compared = check(&sample, &edited, Some(&original));
    let difference = tier_values(
        &compared,
        &format!("against {}, tier by tier:", original.display()),
    );
    assert_eq!(alone.len(), 6, "{compared}");
    for ((a, b), d) in alone.iter().zip(&base).zip(&difference) {
        assert_eq!((a.0, b.0), (d.0, d.0));
        assert!(
            (a.1 - b.1 - d.1).abs() < 0.011,
            "tier {}: {} - {} != {}",
            a.0,
            a.1,
            b.1,
            d.1
        );
    }
    // Dropping an exchange leaves its host's post short again.
    assert!(difference[0].1 > 0.0, "{dropped}\n{compared}");
    assert!(
        compared.contains("more rural or weak post-terms short")
            || compared.contains("more post-terms short at other schools"),
        "{compared}"
    );
}

/// `explain` of one rostered and one overdue teacher left home, and
/// `suggest --post` for an unfilled rural post, in text and JSON.
#[test]
fn explain_and_suggest_on_the_sample() {
    let sample = Sample::new();
    let roster = sample.solve_and_keep("roster.csv");
    let rostered = read_csv(&roster)[0]["teacher_id"].clone();
    let sent: Vec<String> = read_csv(&roster)
        .iter()
        .map(|r| r["teacher_id"].clone())
        .collect();
    let teachers = read_csv(&sample.data().join("teachers.csv"));
    let home = teachers
        .iter()
        .find(|t| {
            !sent.contains(&t["id"])
                && t["exempt"].is_empty()
                && t["school_since"].as_str() < "2019"
        })
        .map(|t| t["id"].clone())
        .unwrap();
    let data = sample.data().display().to_string();
    let roster_arg = roster.display().to_string();
    let output = run([
        "explain",
        &data,
        "--as-of",
        AS_OF,
        "--roster",
        &roster_arg,
        &rostered,
        &home,
    ]);
    assert_exit(&output, 0);
    let text = stdout(&output);
    assert!(
        text.contains(&format!("{rostered} is in the roster")),
        "{text}"
    );
    assert!(text.contains("without them"), "{text}");
    assert!(
        text.contains(&format!("{home} is not in the roster")),
        "{text}"
    );

    let output = run(["explain", &data, "--as-of", AS_OF, &home, "--json"]);
    assert_exit(&output, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json[0]["status"], "not_rostered");
    assert_eq!(json[0]["kinds"].as_array().unwrap().len(), Kind::ALL.len());

    let schools = read_csv(&sample.data().join("schools.csv"));
    let rural: Vec<&String> = schools
        .iter()
        .filter(|s| s["area"] == "rural")
        .map(|s| &s["id"])
        .collect();
    let coverage = read_csv(&sample.out().join("coverage.csv"));
    let short = coverage
        .iter()
        .find(|r| {
            rural.contains(&&r["school_id"])
                && r["shortage_after"] != "0"
                && r["shortage_after"] == r["shortage_before"]
        })
        .unwrap();
    let post = format!(
        "{},{},{}",
        short["school_id"], short["subject"], short["term"]
    );
    let output = run([
        "suggest", &data, "--as-of", AS_OF, "--post", &post, "--top", "3", "--json",
    ]);
    assert_exit(&output, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let costs: Vec<f64> = json["ways"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["alternative"]["objective_difference"].as_f64().unwrap())
        .collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1] + 1e-6), "{costs:?}");
}
