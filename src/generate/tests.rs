use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::*;

const FILES: &[&str] = &[
    "schools.csv",
    "teachers.csv",
    "demand.csv",
    "distances.csv",
    "preferences.csv",
    "locks.csv",
    "forbidden.csv",
    "in_force.csv",
    "policy.toml",
];

fn small(seed: u64) -> GenerateParams {
    GenerateParams {
        counties: 2,
        schools_per_county: 14,
        teachers_per_school: 12,
        seed,
        horizon_start_year: 2027,
    }
}

/// Rows of a CSV file as header -> value maps.
fn rows(dir: &Path, file: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.join(file)).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn generated(params: &GenerateParams) -> (tempfile::TempDir, GenerateStats) {
    let dir = tempfile::tempdir().unwrap();
    let stats = generate(params, dir.path()).unwrap();
    (dir, stats)
}

#[test]
fn the_same_seed_gives_byte_identical_files_and_another_seed_does_not() {
    let (a, _) = generated(&small(7));
    let (b, _) = generated(&small(7));
    let (c, _) = generated(&small(8));
    for file in FILES {
        let bytes = |d: &tempfile::TempDir| std::fs::read(d.path().join(file)).unwrap();
        assert_eq!(bytes(&a), bytes(&b), "{file}");
    }
    let teachers = |d: &tempfile::TempDir| std::fs::read(d.path().join("teachers.csv")).unwrap();
    assert_ne!(teachers(&a), teachers(&c));
}

#[test]
fn rows_are_consistent_and_keep_to_the_spec() {
    let params = small(11);
    let (dir, stats) = generated(&params);
    let dir = dir.path();
    let first_day = NaiveDate::from_ymd_opt(2027, 9, 1).unwrap();

    let schools = rows(dir, "schools.csv");
    assert_eq!(schools.len(), params.counties * params.schools_per_county);
    assert_eq!(schools.len(), stats.schools);
    let school_ids: BTreeSet<&str> = schools.iter().map(|s| s["id"].as_str()).collect();
    assert_eq!(school_ids.len(), schools.len(), "school ids unique");
    let county_of: BTreeMap<&str, &str> = schools
        .iter()
        .map(|s| (s["id"].as_str(), s["county"].as_str()))
        .collect();
    for s in &schools {
        assert!(["urban", "town", "rural"].contains(&s["area"].as_str()));
        assert!(["true", "false"].contains(&s["weak"].as_str()));
        assert!(["", "lead", "member"].contains(&s["group_role"].as_str()));
        assert_eq!(s["group"].is_empty(), s["group_role"].is_empty());
        s["beds"].parse::<u32>().unwrap();
        let lat: f64 = s["lat"].parse().unwrap();
        assert!((20.0..40.0).contains(&lat));
    }

    let teachers = rows(dir, "teachers.csv");
    assert_eq!(teachers.len(), stats.teachers);
    let per_school = teachers.len() as f64 / schools.len() as f64;
    assert!(
        (per_school - 12.0).abs() < 3.0,
        "{per_school} teachers per school"
    );
    let by_id: BTreeMap<&str, &BTreeMap<String, String>> =
        teachers.iter().map(|t| (t["id"].as_str(), t)).collect();
    assert_eq!(by_id.len(), teachers.len(), "teacher ids unique");
    let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let in_force_rows = rows(dir, "in_force.csv");
    assert_eq!(in_force_rows.len(), stats.in_force);
    let in_force: BTreeSet<&str> = in_force_rows
        .iter()
        .map(|f| f["teacher_id"].as_str())
        .collect();
    for f in &in_force_rows {
        let teacher = by_id[f["teacher_id"].as_str()];
        assert_eq!(f["kind"], "rotation");
        assert_eq!(f["home_school_id"], teacher["school_id"]);
        assert_eq!(
            county_of[f["home_school_id"].as_str()],
            county_of[f["host_school_id"].as_str()]
        );
        assert!(date(&f["start_date"]) < first_day && date(&f["end_date"]) >= first_day);
        assert_eq!(f["end_date"], teacher["last_exchange_end"]);
    }
    for t in &teachers {
        assert!(school_ids.contains(t["school_id"].as_str()), "{}", t["id"]);
        assert!(t["subjects"].split(';').all(|s| !s.trim().is_empty()));
        assert!(["M", "F"].contains(&t["gender"].as_str()));
        assert!(["true", "false"].contains(&t["volunteer"].as_str()));
        assert!(["none", "third", "second", "first", "senior", "professor"]
            .contains(&t["title"].as_str()));
        assert!(
            ["none", "county", "city", "province", "national"].contains(&t["backbone"].as_str())
        );
        for column in ["birth_date", "hire_date", "school_since"] {
            assert!(date(&t[column]) < first_day, "{} {column}", t["id"]);
        }
        // A later last exchange end is a rotation in force.
        if !t["last_exchange_end"].is_empty() && date(&t["last_exchange_end"]) >= first_day {
            assert!(in_force.contains(t["id"].as_str()), "{}", t["id"]);
        }
        assert!(date(&t["birth_date"]) < date(&t["hire_date"]));
        assert!(date(&t["hire_date"]) <= date(&t["school_since"]));
        let rural: f64 = t["rural_years"].parse().unwrap();
        assert!(rural >= 0.0);
        if !t["spouse_id"].is_empty() {
            let spouse = by_id[t["spouse_id"].as_str()];
            assert_eq!(spouse["spouse_id"], t["id"], "spouses name each other");
            assert_ne!(spouse["gender"], t["gender"]);
            assert_eq!(
                county_of[spouse["school_id"].as_str()],
                county_of[t["school_id"].as_str()]
            );
        }
    }
    assert!(stats.spouse_pairs > 0);

    let demand = rows(dir, "demand.csv");
    assert_eq!(demand.len(), stats.demand_rows);
    for d in &demand {
        assert!(school_ids.contains(d["school_id"].as_str()));
        assert!(d["posts"].parse::<i64>().unwrap() >= 0);
        assert!(!d["subject"].is_empty());
        assert!(["", "2027-autumn", "2028-spring"].contains(&d["term"].as_str()));
    }
    for p in rows(dir, "preferences.csv") {
        assert!(by_id.contains_key(p["teacher_id"].as_str()));
        assert!(school_ids.contains(p["school_id"].as_str()));
        assert!(p["rank"].parse::<u32>().unwrap() >= 1);
    }
    for l in rows(dir, "locks.csv") {
        assert!(by_id.contains_key(l["teacher_id"].as_str()));
        assert!(
            l["host_school_id"].is_empty() || school_ids.contains(l["host_school_id"].as_str())
        );
        assert!(["", "rotation", "support", "shadow", "secondment"].contains(&l["kind"].as_str()));
    }
    for f in rows(dir, "forbidden.csv") {
        assert!(by_id.contains_key(f["teacher_id"].as_str()));
        assert!(school_ids.contains(f["school_id"].as_str()));
    }
    for d in rows(dir, "distances.csv") {
        assert_eq!(
            county_of[d["from_id"].as_str()],
            county_of[d["to_id"].as_str()]
        );
        assert!(d["km"].parse::<f64>().unwrap() > 0.0);
    }
}

#[test]
fn the_policy_file_holds_the_horizon_and_every_default_but_the_gap_and_cadre_target() {
    let (dir, _) = generated(&small(1));
    let text = std::fs::read_to_string(dir.path().join("policy.toml")).unwrap();
    let policy: Policy = toml::from_str(&text).unwrap();
    assert!(policy.problems().is_empty());
    let horizon = policy.horizon(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap());
    assert_eq!(horizon, horizon_for(2027));
    assert_eq!(
        horizon.terms[1].start,
        NaiveDate::from_ymd_opt(2028, 2, 21).unwrap()
    );
    assert_eq!(policy.solver.mip_gap, 1e-4);
    assert_eq!(policy.secondment.min_each_way, 1);
    let defaults = Policy {
        horizon: policy.horizon.clone(),
        solver: policy.solver.clone(),
        secondment: policy.secondment.clone(),
        ..Policy::default()
    };
    assert_eq!(policy, defaults);
}

#[test]
fn tiny_and_odd_sizes_do_not_break_the_generator() {
    for (counties, schools, teachers) in [(1, 1, 1), (1, 2, 3), (3, 5, 4), (1, 40, 2)] {
        let params = GenerateParams {
            counties,
            schools_per_county: schools,
            teachers_per_school: teachers,
            seed: 3,
            horizon_start_year: 2030,
        };
        let (_, stats) = generated(&params);
        assert_eq!(stats.schools, counties * schools);
    }
    let zero = GenerateParams {
        counties: 0,
        ..small(1)
    };
    assert!(generate(&zero, tempfile::tempdir().unwrap().path()).is_err());
}

/// The sample must give every rule and every kind of exchange something to
/// decide (see data/sample/README.md).
#[test]
fn the_sample_exercises_every_rule() {
    let (dir, stats) = generated(&GenerateParams::sample());
    assert_eq!(stats.schools, 24);
    assert!((650..=750).contains(&stats.teachers), "{}", stats.teachers);
    assert!(stats.weak_schools >= 2 && stats.teaching_points >= 3);
    assert!(stats.rotation_eligible * 100 >= stats.teachers * 33);
    assert!(stats.rotation_eligible * 100 <= stats.teachers * 47);
    assert!(stats.support_eligible > 0 && stats.shadow_spare > 0);
    assert!(stats.village_shortage > stats.village_fillable && stats.village_fillable > 0);
    assert!(stats.spouse_pairs > 0 && stats.preferences > 0 && stats.forbidden > 0);
    assert!(stats.distance_rows > 0);
    assert!(stats.in_force >= 4, "{}", stats.in_force);
    let locks = rows(dir.path(), "locks.csv");
    assert!(locks.iter().any(|l| l["host_school_id"].is_empty()));
    assert!(locks.iter().any(|l| l["kind"] == "support"));
    // Cadre secondments agreed by name, one each way in a group.
    assert_eq!(
        locks.iter().filter(|l| l["kind"] == "secondment").count(),
        2
    );
    // Cadres: a principal (or a teaching point's head) at every school, a
    // vice principal at every school of 10 or more, 1 to 4 middle
    // managers each.
    let teachers = rows(dir.path(), "teachers.csv");
    let count = |post: &str| teachers.iter().filter(|t| t["post"] == post).count();
    assert_eq!(count("principal"), 24);
    assert_eq!(count("vice_principal"), 24 - stats.teaching_points);
    assert!((24..=96).contains(&count("middle")), "{}", count("middle"));
}

/// `data/sample` is exactly what the command in its README writes.
#[test]
fn the_committed_sample_is_reproducible() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    if !sample.join("teachers.csv").exists() {
        return;
    }
    let (dir, _) = generated(&GenerateParams::sample());
    for file in FILES {
        let fresh = std::fs::read(dir.path().join(file)).unwrap();
        let committed = std::fs::read(sample.join(file)).unwrap();
        assert!(
            fresh == committed,
            "data/sample/{file} differs from a fresh `generate`"
        );
    }
}
