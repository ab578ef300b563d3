//! Bad input: each problem is a diagnostic naming the file, the line, the
//! column as written in the header and the value, and all are reported in
//! one run.

mod common;

use common::{assert_diag, find, Fixture};

#[test]
fn a_missing_required_file_and_column_are_reported_per_file() {
    let fixture = Fixture::new();
    std::fs::remove_file(fixture.path().join("demand.csv")).unwrap();
    fixture.replace("schools.csv", "id,name,county,area", "id,name,area");
    let errors = fixture.errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    let demand = errors
        .iter()
        .find(|d| d.file.ends_with("demand.csv"))
        .unwrap();
    assert!(demand.message.contains("file not found"), "{demand}");
    let schools = errors
        .iter()
        .find(|d| d.file.ends_with("schools.csv"))
        .unwrap();
    assert_eq!(schools.column.as_deref(), Some("county"));
    assert!(
        schools
            .message
            .contains("missing required column county (区县)"),
        "{schools}"
    );
    // teachers.csv names S1..S3: no unknown-school noise once schools.csv is unusable.
}

#[test]
fn duplicate_school_and_teacher_ids() {
    let fixture = Fixture::new();
    fixture.append("schools.csv", "S2,重复,A县,town,,,,,,,\n");
    fixture.append(
        "teachers.csv",
        "T1,重复,F,1990-01-01,S1,math,2012-09-01,2012-09-01,,,,,,,\n",
    );
    let errors = fixture.errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_diag(
        find(&errors, "schools.csv", 5, "id"),
        "S2",
        "already used on line 3",
    );
    assert_diag(
        find(&errors, "teachers.csv", 6, "id"),
        "T1",
        "already used on line 2",
    );
}

#[test]
fn a_teacher_whose_school_does_not_exist() {
    let fixture = Fixture::new();
    fixture.replace(
        "teachers.csv",
        "T3,王芳,F,1995-07-20,S3",
        "T3,王芳,F,1995-07-20,S9",
    );
    let errors = fixture.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_diag(
        find(&errors, "teachers.csv", 4, "school_id"),
        "S9",
        "no school with id \"S9\"",
    );
}

#[test]
fn columns_are_named_as_written_in_the_header() {
    let fixture = Fixture::new();
    fixture.write(
        "schools.csv",
        &common::SCHOOLS
            .replacen("area", "城乡类别", 1)
            .replace("urban", "suburb"),
    );
    let errors = fixture.errors();
    assert_diag(
        find(&errors, "schools.csv", 2, "城乡类别"),
        "suburb",
        "expected one of urban, town, rural (城区/镇区/乡村)",
    );
}

#[test]
fn every_problem_in_schools_csv_is_reported() {
    let fixture = Fixture::new();
    fixture.append(
        "schools.csv",
        "S4,,A县,city,maybe,G2,boss,95,110,-1,0\n\
         S5,五中,A县,town,,,lead,30,,1.5,-2\n\
         S6,六中,A县,town,,,,,200,,\n",
    );
    let errors = fixture.errors();
    let f = "schools.csv";
    assert_diag(find(&errors, f, 5, "name"), "", "must not be empty");
    assert_diag(
        find(&errors, f, 5, "area"),
        "city",
        "expected one of urban, town, rural",
    );
    assert_diag(find(&errors, f, 5, "weak"), "maybe", "是/否");
    assert_diag(
        find(&errors, f, 5, "group_role"),
        "boss",
        "lead, member (龙头/成员)",
    );
    assert_diag(find(&errors, f, 5, "lat"), "95", "between -90 and 90");
    assert_diag(find(&errors, f, 5, "beds"), "-1", "must not be negative");
    assert_diag(find(&errors, f, 5, "priority"), "0", "greater than 0");
    assert_diag(find(&errors, f, 6, "group_role"), "lead", "needs a group");
    assert_diag(find(&errors, f, 6, "lon"), "", "lat is given without lon");
    assert_diag(find(&errors, f, 6, "beds"), "1.5", "whole number");
    assert_diag(find(&errors, f, 6, "priority"), "-2", "greater than 0");
    assert_diag(find(&errors, f, 7, "lon"), "200", "between -180 and 180");
    assert_diag(find(&errors, f, 7, "lat"), "", "lon is given without lat");
    assert_eq!(errors.len(), 13, "{errors:?}");
}

#[test]
fn every_problem_in_teachers_csv_is_reported() {
    let fixture = Fixture::new();
    fixture.append(
        "teachers.csv",
        // line 6: bad enums, bad and future dates, negative years
        "T5,甲,X,1990-02-30,S1,math,2028-01-01,2028-02-01,chief,master,-1,,,2027/13/1,perhaps\n\
         T6,,M,,S2, ; ,2010-09-01,2009-09-01,,,,,,2030-01-01,\n\
         T7,丙,F,1990-01-01,,math,1989-09-01,2010-09-01,,,,,,,\n",
    );
    let errors = fixture.errors();
    let f = "teachers.csv";
    assert_diag(find(&errors, f, 6, "gender"), "X", "M, F (男/女)");
    assert_diag(
        find(&errors, f, 6, "birth_date"),
        "1990-02-30",
        "not a day of the calendar",
    );
    assert_diag(
        find(&errors, f, 6, "hire_date"),
        "2028-01-01",
        "after the horizon's first day (2027-09-01)",
    );
    assert_diag(
        find(&errors, f, 6, "school_since"),
        "2028-02-01",
        "after the horizon's first day",
    );
    assert_diag(
        find(&errors, f, 6, "title"),
        "chief",
        "未定级/三级/二级/一级/高级/正高级",
    );
    assert_diag(
        find(&errors, f, 6, "backbone"),
        "master",
        "无/县级/市级/省级/国家级",
    );
    assert_diag(
        find(&errors, f, 6, "rural_years"),
        "-1",
        "must not be negative",
    );
    assert_diag(
        find(&errors, f, 6, "last_exchange_end"),
        "2027/13/1",
        "not a day",
    );
    assert_diag(find(&errors, f, 6, "volunteer"), "perhaps", "是/否");
    assert_diag(find(&errors, f, 7, "name"), "", "must not be empty");
    assert_diag(find(&errors, f, 7, "birth_date"), "", "must not be empty");
    assert_diag(find(&errors, f, 7, "subjects"), ";", "at least one subject");
    assert_diag(
        find(&errors, f, 7, "school_since"),
        "2009-09-01",
        "before hire_date (2010-09-01)",
    );
    assert_diag(
        find(&errors, f, 7, "last_exchange_end"),
        "2030-01-01",
        "after the horizon's first day",
    );
    assert_diag(find(&errors, f, 8, "school_id"), "", "must not be empty");
    assert_diag(
        find(&errors, f, 8, "hire_date"),
        "1989-09-01",
        "16th birthday",
    );
    assert_eq!(errors.len(), 16, "{errors:?}");
}

#[test]
fn a_date_on_the_horizons_first_day_is_fine() {
    let fixture = Fixture::new();
    fixture.replace("teachers.csv", "2024-07-10", "2027-09-01");
    fixture.loaded();
}

#[test]
fn spouse_links_must_be_known_mutual_and_not_oneself() {
    let fixture = Fixture::new();
    fixture.append(
        "teachers.csv",
        "T5,甲,M,1980-01-01,S1,math,2002-09-01,2010-09-01,,,,,T9,,\n\
         T6,乙,F,1980-01-01,S1,math,2002-09-01,2010-09-01,,,,,T6,,\n\
         T7,丙,F,1980-01-01,S2,math,2002-09-01,2010-09-01,,,,,T1,,\n\
         T8,丁,F,1980-01-01,S2,math,2002-09-01,2010-09-01,,,,,T3,,\n",
    );
    let errors = fixture.errors();
    let f = "teachers.csv";
    assert_diag(
        find(&errors, f, 6, "spouse_id"),
        "T9",
        "no teacher with id \"T9\"",
    );
    assert_diag(find(&errors, f, 7, "spouse_id"), "T6", "their own spouse");
    // T1 and T2 name each other; T7 naming T1 is one-sided.
    assert_diag(
        find(&errors, f, 8, "spouse_id"),
        "T1",
        "names spouse \"T2\", not \"T7\"",
    );
    assert_diag(find(&errors, f, 9, "spouse_id"), "T3", "names no spouse");
    assert_eq!(errors.len(), 4, "{errors:?}");
}

#[test]
fn demand_problems() {
    let fixture = Fixture::new();
    fixture.append(
        "demand.csv",
        "S9,math,1,\n\
         S1,Math,4,\n\
         S3,math,1,2028-spring\n\
         S2,math,1,2031-autumn\n\
         S2,,-2,\n",
    );
    let errors = fixture.errors();
    let f = "demand.csv";
    assert_diag(find(&errors, f, 6, "school_id"), "S9", "no school with id");
    assert_diag(
        find(&errors, f, 7, "subject"),
        "Math",
        "already have a figure on line 2",
    );
    assert_diag(
        find(&errors, f, 8, "term"),
        "2028-spring",
        "already have a figure on line 5",
    );
    assert_diag(
        find(&errors, f, 9, "term"),
        "2031-autumn",
        "expected one of 2027-autumn, 2028-spring",
    );
    assert_diag(find(&errors, f, 10, "subject"), "", "must not be empty");
    assert_diag(find(&errors, f, 10, "posts"), "-2", "must not be negative");
    assert_eq!(errors.len(), 6, "{errors:?}");
}

#[test]
fn distance_problems() {
    let fixture = Fixture::new();
    fixture.write(
        "distances.csv",
        "from_id,to_id,km\nS1,S2,10\nS1,S2,11\nS1,S9,3\nS2,S3,-4\nS3,S3,0\nS2,S1,x\n",
    );
    let errors = fixture.errors();
    let f = "distances.csv";
    assert_diag(
        find(&errors, f, 3, "to_id"),
        "S2",
        "already given on line 2",
    );
    assert_diag(find(&errors, f, 4, "to_id"), "S9", "no school with id");
    assert_diag(find(&errors, f, 5, "km"), "-4", "must not be negative");
    assert_diag(find(&errors, f, 6, "to_id"), "S3", "same school");
    assert_diag(find(&errors, f, 7, "km"), "x", "expected a number");
    assert_eq!(errors.len(), 5, "{errors:?}");
}

#[test]
fn preference_and_forbidden_problems() {
    let fixture = Fixture::new();
    fixture.write(
        "preferences.csv",
        "teacher_id,school_id,rank\nT9,S1,1\nT1,S9,1\nT1,S2,0\nT1,S3,-1\nT2,S1,1\nT2,S1,2\n",
    );
    fixture.write("forbidden.csv", "teacher_id,school_id\nT9,S1\nT1,S9\n");
    let errors = fixture.errors();
    let f = "preferences.csv";
    assert_diag(
        find(&errors, f, 2, "teacher_id"),
        "T9",
        "no teacher with id \"T9\"",
    );
    assert_diag(find(&errors, f, 3, "school_id"), "S9", "no school with id");
    assert_diag(
        find(&errors, f, 4, "rank"),
        "0",
        "must lie between 1 and 1000",
    );
    assert_diag(find(&errors, f, 5, "rank"), "-1", "must not be negative");
    assert_diag(
        find(&errors, f, 7, "school_id"),
        "S1",
        "already lists this school on line 6",
    );
    assert_diag(
        find(&errors, "forbidden.csv", 2, "teacher_id"),
        "T9",
        "no teacher",
    );
    assert_diag(
        find(&errors, "forbidden.csv", 3, "school_id"),
        "S9",
        "no school",
    );
    assert_eq!(errors.len(), 7, "{errors:?}");
}

#[test]
fn lock_problems() {
    let fixture = Fixture::new();
    fixture.write(
        "locks.csv",
        "teacher_id,host_school_id,kind,subject,start_term\n\
         T9,S1,,,\n\
         T1,S9,,,\n\
         T2,S3,swap,,\n\
         T3,S1,shadow,,2031-autumn\n\
         T3,S2,,,\n\
         T4,,support,,\n\
         T2,S3,rotation,,2028-spring\n",
    );
    let errors = fixture.errors();
    let f = "locks.csv";
    assert_diag(find(&errors, f, 2, "teacher_id"), "T9", "no teacher");
    assert_diag(find(&errors, f, 3, "host_school_id"), "S9", "no school");
    assert_diag(
        find(&errors, f, 4, "kind"),
        "swap",
        "expected rotation, support, shadow or secondment",
    );
    assert_diag(
        find(&errors, f, 5, "start_term"),
        "2031-autumn",
        "not a term of the planning horizon",
    );
    assert_diag(
        find(&errors, f, 6, "teacher_id"),
        "T3",
        "already has a lock on line 5",
    );
    assert_diag(
        find(&errors, f, 7, "kind"),
        "support",
        "keeps the teacher at home",
    );
    assert_diag(
        find(&errors, f, 8, "start_term"),
        "2028-spring",
        "it may start in: 2027-autumn",
    );
    assert_diag(
        find(&errors, f, 8, "teacher_id"),
        "T2",
        "already has a lock on line 4",
    );
    assert_eq!(errors.len(), 8, "{errors:?}");
}

#[test]
fn locks_that_can_never_hold() {
    let fixture = Fixture::new();
    fixture.write(
        "locks.csv",
        "teacher_id,host_school_id,kind,subject,start_term\nT1,S1,,,\nT4,S2,,math,\n",
    );
    let errors = fixture.errors();
    let f = "locks.csv";
    assert_diag(find(&errors, f, 2, "host_school_id"), "S1", "home school");
    assert_diag(
        find(&errors, f, 3, "subject"),
        "math",
        "not qualified in math; their subjects are english",
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn quoted_multi_line_cells_do_not_shift_line_numbers() {
    let fixture = Fixture::new();
    fixture.replace("schools.csv", "第一中学", "\"第一\n中学\"");
    fixture.replace(
        "schools.csv",
        "S3,山村小学,A县,rural",
        "S3,山村小学,A县,mountain",
    );
    let errors = fixture.errors();
    assert_diag(
        find(&errors, "schools.csv", 5, "area"),
        "mountain",
        "expected one of",
    );
}

#[test]
fn a_file_in_neither_utf8_nor_gbk_is_reported() {
    let fixture = Fixture::new();
    fixture.write_bytes(
        "demand.csv",
        b"school_id,subject,posts\nS1,\x81\x20\x81\x20,1\n",
    );
    let errors = fixture.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].file.ends_with("demand.csv"));
    assert!(
        errors[0].message.contains("neither UTF-8 nor GBK"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_ragged_or_garbage_file_does_not_panic() {
    let fixture = Fixture::new();
    fixture.write(
        "schools.csv",
        "id,name,county,area\n\"unterminated,S1\n,,,,,,,,\n\u{0}\u{1}\n",
    );
    fixture.write("teachers.csv", "");
    fixture.write("demand.csv", "\n\n");
    let errors = fixture.errors();
    assert!(errors
        .iter()
        .any(|d| d.file.ends_with("teachers.csv") && d.message.contains("empty")));
}

#[test]
fn lines_are_right_in_excel_crlf_files_with_blank_lines() {
    let fixture = Fixture::new();
    let text = common::SCHOOLS
        .replace("rural", "mountain")
        .replace("S2,", "\nS2,");
    fixture.write("schools.csv", &text.replace('\n', "\r\n"));
    let errors = fixture.errors();
    assert_diag(
        find(&errors, "schools.csv", 5, "area"),
        "mountain",
        "expected one of",
    );
}

#[test]
fn a_bad_cell_in_a_workbook_names_the_sheet_row_and_column() {
    let fixture = Fixture::new();
    let text = fixture
        .read("teachers.csv")
        .replace("F,1985-03-12", "X,1985-03-12");
    std::fs::remove_file(fixture.path().join("teachers.csv")).unwrap();
    common::write_workbook(&fixture.path().join("teachers.xlsx"), &text);
    let errors = fixture.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = find(&errors, "teachers.xlsx", 3, "gender (人事导出!C3)");
    assert_diag(error, "X", "expected one of M, F");
}

#[test]
fn a_csv_file_and_its_workbook_twin_together_are_an_error() {
    let fixture = Fixture::new();
    common::write_workbook(
        &fixture.path().join("demand.xlsx"),
        &fixture.read("demand.csv"),
    );
    let errors = fixture.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .message
            .contains("both demand.csv and demand.xlsx are present; keep one"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_an_error() {
    let fixture = Fixture::new();
    fixture.write("demand.xlsx", "school_id,subject,posts\n");
    std::fs::remove_file(fixture.path().join("demand.csv")).unwrap();
    let errors = fixture.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].message.contains("not a readable Excel workbook"),
        "{}",
        errors[0]
    );
}
