//! Reading a roster back, as `check` and `solve --previous` do.

use rotaplan::input::{read_roster, Diagnostics};
use rotaplan::roster::{RosterRow, HEADER};

fn write(text: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.csv");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_written_roster_reads_back_field_for_field() {
    let row = RosterRow {
        teacher_id: "T1".into(),
        teacher_name: "张伟".into(),
        kind: "support".into(),
        subject: "math".into(),
        home_school_id: "S1".into(),
        host_school_id: "S3".into(),
        start_term: "2027-autumn".into(),
        end_term: "2028-spring".into(),
        start_date: "2027-09-01".into(),
        end_date: "2028-07-10".into(),
        distance_km: "38.2".into(),
        needs_bed: "true".into(),
        reasons: "overdue:8y;backbone".into(),
    };
    let mut text = HEADER.join(",") + "\n";
    text += &row.cells().join(",");
    let (_dir, path) = write(text.as_bytes());
    assert_eq!(read_roster(&path).unwrap(), vec![(2, row)]);
}

#[test]
fn edited_rosters_read_in_any_column_order_with_optional_columns_missing() {
    let (_dir, path) = write(
        "\u{feff}host_school_id,kind,teacher_id,subject,home_school_id,start_term,note\n\
         S3,rotation,'=cmd,math,S1,2027-autumn,hand edit\n\
         \n\
         S2,shadow,'-T7,'chinese,S3,2028-spring,\n"
            .as_bytes(),
    );
    let rows = read_roster(&path).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].0, 2);
    assert_eq!(rows[0].1.teacher_id, "=cmd", "the formula guard is removed");
    assert_eq!(rows[0].1.host_school_id, "S3");
    assert_eq!(rows[0].1.distance_km, "");
    assert_eq!(rows[1].0, 4);
    assert_eq!(rows[1].1.teacher_id, "-T7");
    assert_eq!(
        rows[1].1.subject, "'chinese",
        "only a guard before a formula character is removed"
    );
}

#[test]
fn a_gbk_roster_is_read() {
    let text = "teacher_id,teacher_name,kind,subject,home_school_id,host_school_id,start_term\nT1,张伟,支教,语文,S1,S3,2027-autumn\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let (_dir, path) = write(&bytes);
    let rows = read_roster(&path).unwrap();
    assert_eq!(rows[0].1.teacher_name, "张伟");
    assert_eq!(rows[0].1.subject, "语文");
}

#[test]
fn missing_required_columns_are_each_named() {
    let (_dir, path) = write(b"teacher_id,kind,subject,home_school_id\nT1,rotation,math,S1\n");
    let Diagnostics(errors) = read_roster(&path).unwrap_err();
    let columns: Vec<_> = errors
        .iter()
        .map(|d| d.column.as_deref().unwrap())
        .collect();
    assert_eq!(columns, ["host_school_id", "start_term"]);
    assert!(errors[0].file.ends_with("roster.csv"));
}

#[test]
fn a_missing_roster_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let Diagnostics(errors) = read_roster(&dir.path().join("none.csv")).unwrap_err();
    assert_eq!(errors.len(), 1);
}
