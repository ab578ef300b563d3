//! Loading valid data sets: every spelling the spec allows loads to the
//! same domain values.

mod common;

use common::{date, Fixture, DEMAND, SCHOOLS, TEACHERS};
use rotaplan::domain::{Area, Backbone, Dataset, Gender, GroupRole, Kind, Subject, Title};

fn subject(s: &str) -> Subject {
    Subject::new(s)
}

fn assert_same(a: &Dataset, b: &Dataset) {
    assert_eq!(a.schools, b.schools);
    assert_eq!(a.teachers, b.teachers);
    assert_eq!(a.demand, b.demand);
    assert_eq!(a.distance_overrides, b.distance_overrides);
    assert_eq!(a.preferences, b.preferences);
    assert_eq!(a.locks, b.locks);
    assert_eq!(a.forbidden, b.forbidden);
}

#[test]
fn the_fixture_loads_with_every_field() {
    let data = Fixture::new().loaded();
    assert_eq!(data.schools.len(), 3);
    // The only warnings: subjects teachers name that no school demands.
    assert_eq!(data.warnings.len(), 2, "{:?}", data.warnings);
    assert!(data.warnings[0].contains("\"english\": no school demands this subject"));
    assert!(data.warnings[1].contains("\"physics\": no school demands this subject"));

    let s1 = &data.schools[0];
    assert_eq!(
        (s1.id.as_str(), s1.name.as_str(), s1.county.as_str()),
        ("S1", "第一中学", "A县")
    );
    assert_eq!(s1.area, Area::Urban);
    assert_eq!(s1.group.as_deref(), Some("G1"));
    assert_eq!(s1.group_role, Some(GroupRole::Lead));
    assert_eq!(s1.location, Some((30.0, 110.0)));
    assert_eq!(s1.beds, 4);
    let s2 = &data.schools[1];
    assert_eq!(s2.priority, 1.0, "empty priority is the default");
    assert!(!s2.weak);
    let s3 = &data.schools[2];
    assert!(s3.weak);
    assert_eq!((s3.group.as_deref(), s3.group_role), (None, None));
    assert_eq!(s3.priority, 2.0);

    let t1 = &data.teachers[0];
    assert_eq!(t1.gender, Gender::M);
    assert_eq!(t1.birth_date, date(1980, 5, 1));
    assert_eq!(t1.school, 0);
    assert_eq!(t1.subjects, vec![subject("math"), subject("physics")]);
    assert_eq!(t1.title, Title::First);
    assert_eq!(t1.backbone, Backbone::County);
    assert_eq!(t1.spouse, Some(1));
    assert!(t1.volunteer);
    assert_eq!(t1.exempt, None);
    let t2 = &data.teachers[1];
    assert_eq!(t2.spouse, Some(0));
    assert_eq!(t2.rural_years, 1.5);
    let t3 = &data.teachers[2];
    assert_eq!(
        t3.subjects,
        vec![subject("math")],
        "subjects are case-folded"
    );
    assert_eq!(t3.backbone, Backbone::None);
    assert_eq!(t3.last_exchange_end, Some(date(2024, 7, 10)));
    assert!(!t3.volunteer);
    assert_eq!(data.teachers[3].exempt.as_deref(), Some("病休"));

    let s3_math = &data.demand[&(2, subject("math"))];
    assert_eq!(s3_math.every_term, Some(2));
    assert_eq!(s3_math.posts("2027-autumn"), 2);
    assert_eq!(s3_math.posts("2028-spring"), 3);
    assert_eq!(data.posts(0, &subject("math"), "2027-autumn"), 3);
}

const SCHOOLS_ZH: &str = "\
学校代码,学校名称,区县,城乡类别,薄弱学校,集团,集团角色,纬度,经度,周转宿舍,优先级
S1,第一中学,A县,城区,否,G1,龙头,30.00,110.00,4,1
S2,城关镇中学,A县,镇区,0,G1,成员,30.10,110.10,2,
S3,山村小学,A县,乡村,是,,,30.30,110.40,0,2
";

const TEACHERS_ZH: &str = "\
工号,姓名,性别,出生日期,学校代码,任教学科,参加工作时间,调入本校时间,职称,骨干级别,农村任教年限,暂缓原因,配偶工号,上次交流结束,自愿报名
T1,张伟,男,1980/5/1,S1,math；physics,2002/9/1,2010/9/1,一级,县级,0,,T2,,是
T2,李娜,女,1985/3/12,S2,chinese,2007/9/1,2015/9/1,二级,无,1.5,,T1,,否
T3,王芳,女,1995/7/20,S3,Math,2018/9/1,2018/9/1,未定级,,0,,,2024/7/10,
T4,赵强,男,1968/1/15,S1,english,1990/9/1,1995/9/1,高级,市级,2,病休,,,
";

const DEMAND_ZH: &str = "\
学校代码,学科,编制数,学期
S1,math,3,
S2,chinese,2,
S3,math,2,
S3,math,3,2028-spring
";

#[test]
fn chinese_headers_values_and_slash_dates_load_like_english() {
    let english = Fixture::new().loaded();
    let chinese = Fixture::new();
    chinese.write("schools.csv", SCHOOLS_ZH);
    chinese.write("teachers.csv", TEACHERS_ZH);
    chinese.write("demand.csv", DEMAND_ZH);
    let chinese = chinese.loaded();
    // The same warnings (the subjects no school demands), but for the folder.
    let without_folder = |warnings: &[String]| -> Vec<String> {
        warnings
            .iter()
            .map(|w| w.rsplit('/').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        without_folder(&chinese.warnings),
        without_folder(&english.warnings)
    );
    assert_same(&english, &chinese);
}

#[test]
fn gbk_files_as_excel_saves_them_load_like_utf8() {
    let english = Fixture::new().loaded();
    let gbk = Fixture::new();
    for (name, text) in [
        ("schools.csv", SCHOOLS_ZH),
        ("teachers.csv", TEACHERS_ZH),
        ("demand.csv", DEMAND_ZH),
    ] {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "{name} must really be GBK"
        );
        gbk.write_bytes(name, &bytes);
    }
    assert_same(&english, &gbk.loaded());
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let fixture = Fixture::new();
    for (name, text) in [
        ("schools.csv", SCHOOLS),
        ("teachers.csv", TEACHERS),
        ("demand.csv", DEMAND),
    ] {
        fixture.write_bytes(
            name,
            &[b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        );
    }
    assert_same(&Fixture::new().loaded(), &fixture.loaded());
}

#[test]
fn column_order_case_and_spaces_in_headers_do_not_matter() {
    let fixture = Fixture::new();
    fixture.write(
        "demand.csv",
        " Posts ,SCHOOL_ID, subject\n3,S1,math\n2,S2,chinese\n2,S3,math\n",
    );
    let data = fixture.loaded();
    assert_eq!(data.posts(0, &subject("math"), "2028-spring"), 3);
    assert_eq!(data.demand.len(), 3);
}

#[test]
fn unknown_columns_are_a_warning_naming_file_and_column() {
    let fixture = Fixture::new();
    fixture.replace("schools.csv", "beds,priority", "beds,备注");
    let data = fixture.loaded();
    let unknown: Vec<&String> = data
        .warnings
        .iter()
        .filter(|w| w.contains("unknown column"))
        .collect();
    assert_eq!(unknown.len(), 1, "{:?}", data.warnings);
    assert!(unknown[0].contains("schools.csv"), "{}", unknown[0]);
    assert!(unknown[0].contains("备注"), "{}", unknown[0]);
    assert_eq!(data.schools[2].priority, 1.0);
}

#[test]
fn subjects_accept_full_width_separators_and_drop_duplicates() {
    let fixture = Fixture::new();
    fixture.replace("teachers.csv", "math;physics", " Physics ；math;;physics ");
    let data = fixture.loaded();
    assert_eq!(
        data.teachers[0].subjects,
        vec![subject("physics"), subject("math")]
    );
}

#[test]
fn exempt_words_that_mean_no_are_not_a_reason() {
    let fixture = Fixture::new();
    fixture.replace("teachers.csv", "病休", "否");
    assert_eq!(fixture.loaded().teachers[3].exempt, None);
}

#[test]
fn blank_lines_and_empty_excel_rows_are_skipped() {
    let fixture = Fixture::new();
    fixture.append("demand.csv", "\n,,,\n");
    assert_eq!(fixture.loaded().demand.len(), 3);
}

#[test]
fn optional_files_load() {
    let fixture = Fixture::new();
    fixture.write(
        "distances.csv",
        "from_id,to_id,km\nS1,S2,12.5\nS1,S3,40\nS3,S1,44\n",
    );
    fixture.write(
        "preferences.csv",
        "teacher_id,school_id,rank\nT1,S3,1\nT1,S2,2\n",
    );
    fixture.write(
        "locks.csv",
        "teacher_id,host_school_id,kind,subject,start_term\nT1,S3,support,Math,2027-autumn\nT2,,,,\n",
    );
    fixture.write("forbidden.csv", "teacher_id,school_id\nT3,S1\nT3,S1\n");
    let data = fixture.loaded();

    let d = &data.distance_overrides;
    assert_eq!(d[&(0, 1)], 12.5);
    assert_eq!(d[&(1, 0)], 12.5, "one direction holds both ways");
    assert_eq!(d[&(0, 2)], 40.0, "both directions keep their own");
    assert_eq!(d[&(2, 0)], 44.0);
    assert_eq!(d.len(), 4);

    assert_eq!(data.preferences.len(), 2);
    assert_eq!(
        (
            data.preferences[1].teacher,
            data.preferences[1].school,
            data.preferences[1].rank
        ),
        (0, 1, 2)
    );

    assert_eq!(data.locks.len(), 2);
    let lock = &data.locks[0];
    assert_eq!(
        (lock.teacher, lock.host, lock.kind),
        (0, Some(2), Some(Kind::Support))
    );
    assert_eq!(lock.subject, Some(subject("math")));
    assert_eq!(lock.start_term.as_deref(), Some("2027-autumn"));
    assert_eq!(
        (
            data.locks[1].teacher,
            data.locks[1].host,
            data.locks[1].kind
        ),
        (1, None, None)
    );

    assert_eq!(data.forbidden, vec![(2, 0)], "a repeated pair is kept once");
}

/// 250,000 teachers load without quadratic lookups (run with --ignored).
#[test]
#[ignore]
fn a_province_sized_data_set_loads_quickly() {
    use std::fmt::Write;
    let fixture = Fixture::new();
    let (schools, per_school) = (2_500, 100);
    let mut text = String::from("id,name,county,area\n");
    for s in 0..schools {
        writeln!(text, "S{s},school {s},C{},rural", s / 50).unwrap();
    }
    fixture.write("schools.csv", &text);
    let mut text = String::from(
        "id,name,gender,birth_date,school_id,subjects,hire_date,school_since,spouse_id\n",
    );
    for t in 0..schools * per_school {
        let spouse = t ^ 1;
        writeln!(
            text,
            "T{t},t,F,1980-01-01,S{},math,2000-09-01,2010-09-01,T{spouse}",
            t / per_school
        )
        .unwrap();
    }
    fixture.write("teachers.csv", &text);
    let mut text = String::from("school_id,subject,posts\n");
    for s in 0..schools {
        writeln!(text, "S{s},math,90").unwrap();
    }
    fixture.write("demand.csv", &text);
    let started = std::time::Instant::now();
    let data = fixture.loaded();
    let elapsed = started.elapsed();
    assert_eq!(data.teachers.len(), 250_000);
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");
    eprintln!("loaded 250,000 teachers in {elapsed:?}");
}

#[test]
fn workbooks_in_place_of_csv_files_load_the_same() {
    let csv = Fixture::new();
    let xlsx = Fixture::new();
    for (name, text) in [
        ("schools", SCHOOLS),
        ("teachers", TEACHERS),
        ("demand", DEMAND),
    ] {
        std::fs::remove_file(xlsx.path().join(format!("{name}.csv"))).unwrap();
        common::write_workbook(&xlsx.path().join(format!("{name}.xlsx")), text);
    }
    let (csv, xlsx) = (csv.loaded(), xlsx.loaded());
    assert_same(&csv, &xlsx);
    // Excel date cells came through as dates, whole numbers as ids.
    assert_eq!(xlsx.teachers[0].birth_date, date(1980, 5, 1));
    assert_eq!(xlsx.schools[2].priority, 2.0);
}

#[test]
fn hr_spellings_of_titles_backbone_and_dates_load() {
    let fixture = Fixture::new();
    fixture.replace("teachers.csv", "1980-05-01,S1", "1980.5.1,S1");
    fixture.replace("teachers.csv", "2002-09-01", "2002年9月1日");
    fixture.replace(
        "teachers.csv",
        "first,county",
        "中小学一级教师,县级骨干教师",
    );
    assert_same(&Fixture::new().loaded(), &fixture.loaded());
}

#[test]
fn a_lock_with_chinese_headers_keeps_every_column() {
    let fixture = Fixture::new();
    fixture.write(
        "locks.csv",
        "工号,接收学校代码,交流类型,学科,开始学期\nT1,S3,支教,math,2027-autumn\n",
    );
    let data = fixture.loaded();
    assert!(
        data.warnings.iter().all(|w| !w.contains("locks.csv")),
        "{:?}",
        data.warnings
    );
    let lock = &data.locks[0];
    assert_eq!(lock.host, Some(2));
    assert_eq!(lock.kind, Some(Kind::Support));
    assert_eq!(lock.subject, Some(subject("math")));
    assert_eq!(lock.start_term.as_deref(), Some("2027-autumn"));
}

#[test]
fn a_subject_typo_is_a_warning_naming_the_closest_subject() {
    let fixture = Fixture::new();
    fixture.replace("teachers.csv", "S2,chinese", "S2,chinesse");
    fixture.replace("teachers.csv", "S3,Math", "S3,math、chinese");
    let data = fixture.loaded();
    let about = |subject: &str| {
        data.warnings
            .iter()
            .find(|w| w.contains(&format!("value \"{subject}\"")))
            .unwrap_or_else(|| panic!("no warning about {subject}: {:?}", data.warnings))
    };
    assert!(about("chinesse").contains("closest known subject: chinese"));
    assert!(about("chinese").contains("demand.csv"));
    assert!(about("chinese").contains("closest known subject: chinesse"));
    assert!(about("math、chinese").contains("separate subjects with ';' (math;chinese)"));
}
