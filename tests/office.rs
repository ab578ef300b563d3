//! The office's own tools (issue 12): CSV outputs that Excel on a Chinese
//! Windows opens right, rosters read back with Chinese headers, the
//! `roster.xlsx` workbook, and messages in Chinese or English.

mod cli_support;

use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use cli_support::{assert_exit, read_csv, rotaplan, solve, stdout, Row, Sample};
use rotaplan::domain::Kind;
use rotaplan::roster::{HEADER, HEADER_ZH};

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn check(data: &Path, roster: &Path) -> std::process::Output {
    rotaplan()
        .arg("check")
        .arg(data)
        .arg(roster)
        .args(["--as-of", cli_support::AS_OF])
        .output()
        .unwrap()
}

/// A solved copy of the sample.
fn solved() -> Sample {
    let sample = Sample::new();
    assert_exit(&solve(&sample.data(), &[]), 0);
    sample
}

#[test]
fn csv_outputs_begin_with_the_byte_order_mark_and_read_back() {
    let sample = solved();
    for name in ["roster.csv", "coverage.csv"] {
        let bytes = std::fs::read(sample.out().join(name)).unwrap();
        assert!(bytes.starts_with(BOM), "{name} has no byte-order mark");
        assert!(
            !bytes[BOM.len()..].starts_with(BOM),
            "{name}: one mark only"
        );
    }
    let roster = sample.out().join("roster.csv");
    let rows = read_csv(&roster);
    assert!(!rows.is_empty());
    assert!(rows[0].contains_key("teacher_id"), "{:?}", rows[0].keys());
    // Our own readers take it with or without the mark.
    assert_exit(&check(&sample.data(), &roster), 0);
    let bare = sample.file("bare.csv");
    std::fs::write(&bare, &std::fs::read(&roster).unwrap()[BOM.len()..]).unwrap();
    assert_exit(&check(&sample.data(), &bare), 0);
    let previous = solve(&sample.data(), &["--previous", roster.to_str().unwrap()]);
    assert_exit(&previous, 0);
}

/// The roster with Chinese headers and Chinese kind names, as a person
/// might save it from a spreadsheet.
fn chinese_roster(sample: &Sample) -> std::path::PathBuf {
    let rows = read_csv(&sample.out().join("roster.csv"));
    let path = sample.file("名单.csv");
    let mut writer = csv::Writer::from_path(&path).unwrap();
    writer.write_record(HEADER_ZH).unwrap();
    for row in &rows {
        let cells = HEADER.iter().map(|column| match *column {
            "kind" => match row[*column].parse::<Kind>().unwrap() {
                Kind::Rotation => "交流轮岗".to_string(),
                Kind::Support => "支教".to_string(),
                Kind::Shadow => "跟岗学习".to_string(),
                Kind::Secondment => "挂职".to_string(),
            },
            _ => row[*column].clone(),
        });
        writer.write_record(cells).unwrap();
    }
    writer.flush().unwrap();
    path
}

#[test]
fn a_roster_with_chinese_headers_is_read_by_check_and_previous() {
    let sample = solved();
    let roster = chinese_roster(&sample);
    let output = check(&sample.data(), &roster);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).contains("no hard rule broken"),
        "{}",
        stdout(&output)
    );
    let again = solve(&sample.data(), &["--previous", roster.to_str().unwrap()]);
    assert_exit(&again, 0);
    let summary = cli_support::summary(&sample.out());
    // Read as the previous roster: every row is compared. At the generated
    // policy's gap (1e-4, about 200 units) the re-optimization may still
    // trade one teacher for an interchangeable colleague (same home, host
    // and subject), or add or drop one exchange: a change costs 1 unit.
    let changes = &summary["changed_vs_previous"];
    assert!(changes["added"].as_u64().unwrap() <= 1, "{summary}");
    assert!(changes["removed"].as_u64().unwrap() <= 1, "{summary}");
    assert!(changes["unchanged"].as_u64().unwrap() >= 90, "{summary}");
}

/// A sheet as rows of text cells (dates as `YYYY-MM-DD`, numbers as typed).
fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::DateTime(moment) => moment.as_datetime().unwrap().date().to_string(),
                    Data::Float(x) => x.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// A roster cell as the CSV would hold it, for comparing the two files.
fn same_cell(column: &str, csv: &str, xlsx: &str) -> bool {
    match column {
        "kind" => csv.parse::<Kind>() == xlsx.parse::<Kind>(),
        "distance_km" => csv.parse::<f64>().ok() == xlsx.parse::<f64>().ok(),
        "needs_bed" => (csv == "true") == (xlsx == "是"),
        _ => csv == xlsx,
    }
}

#[test]
fn roster_xlsx_matches_roster_csv_row_for_row() {
    let sample = solved();
    let workbook = sample.out().join("roster.xlsx");
    let csv: Vec<Row> = read_csv(&sample.out().join("roster.csv"));
    let roster = sheet(&workbook, "交流名单");
    let header = &roster[0];
    assert_eq!(roster.len(), csv.len() + 1);
    for (csv_row, xlsx_row) in csv.iter().zip(&roster[1..]) {
        for (column, chinese) in HEADER.iter().zip(HEADER_ZH) {
            let at = header.iter().position(|h| h == chinese).unwrap();
            let (a, b) = (&csv_row[*column], &xlsx_row[at]);
            assert!(same_cell(column, a, b), "{column}: csv {a:?}, xlsx {b:?}");
        }
        // School names beside the codes.
        let host_name = header.iter().position(|h| h == "接收学校").unwrap();
        assert!(!xlsx_row[host_name].is_empty());
        assert_ne!(xlsx_row[host_name], csv_row["host_school_id"]);
    }
    // The workbook's roster sheet is itself a roster `check` reads.
    assert_exit(&check(&sample.data(), &workbook), 0);
}

#[test]
fn the_public_list_holds_names_schools_kind_subject_and_dates_only() {
    let sample = solved();
    let workbook = sample.out().join("roster.xlsx");
    let book: Xlsx<_> = open_workbook(&workbook).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["交流名单", "公示名单", "学校学科", "汇总"]
    );
    let public = sheet(&workbook, "公示名单");
    assert!(public[0][0].contains("公示名单"), "{:?}", public[0]);
    assert_eq!(
        public[1],
        [
            "序号",
            "姓名",
            "派出学校",
            "接收学校",
            "交流方式",
            "学科",
            "起止日期"
        ]
    );
    let csv = read_csv(&sample.out().join("roster.csv"));
    assert_eq!(public.len(), csv.len() + 2);
    for (i, (row, csv_row)) in public[2..].iter().zip(&csv).enumerate() {
        assert_eq!(row[0], (i + 1).to_string());
        assert_eq!(row[1], csv_row["teacher_name"]);
        assert_eq!(
            row[6],
            format!("{} 至 {}", csv_row["start_date"], csv_row["end_date"])
        );
        // No ids, birth dates or reason codes.
        for cell in row {
            assert_ne!(cell, &csv_row["teacher_id"]);
            assert_ne!(cell, &csv_row["reasons"]);
        }
    }
    // Per school and subject: staff after = before - departures + arrivals.
    let schools = sheet(&workbook, "学校学科");
    let col = |name: &str| schools[0].iter().position(|h| h == name).unwrap();
    let n = |row: &Vec<String>, name: &str| row[col(name)].parse::<i64>().unwrap();
    assert!(schools.len() > 1);
    let mut moved = 0;
    for row in &schools[1..] {
        assert_eq!(
            n(row, "交流后在岗"),
            n(row, "交流前在岗") - n(row, "派出") + n(row, "派入"),
            "{row:?}"
        );
        moved += n(row, "派出") + n(row, "派入");
    }
    assert!(moved > 0);
}

#[test]
fn an_english_workbook_with_the_policy_language() {
    let sample = Sample::new();
    let policy = sample.data().join("policy.toml");
    let text = std::fs::read_to_string(&policy).unwrap();
    std::fs::write(&policy, format!("{text}\n[output]\nlanguage = \"en\"\n")).unwrap();
    assert_exit(&solve(&sample.data(), &[]), 0);
    let workbook = sample.out().join("roster.xlsx");
    let book: Xlsx<_> = open_workbook(&workbook).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["roster", "public list", "schools", "summary"]
    );
    assert_eq!(sheet(&workbook, "roster")[0][0], "teacher_id");
}

#[test]
fn messages_and_the_table_follow_lang_and_the_locale() {
    let sample = Sample::new();
    let validate = |lang: &[&str], env: Option<&str>| {
        let mut command = rotaplan();
        if let Some(locale) = env {
            command.env("LC_ALL", locale);
        }
        let output = command
            .args(lang)
            .arg("validate")
            .arg(sample.data())
            .args(["--as-of", cli_support::AS_OF])
            .output()
            .unwrap();
        assert_exit(&output, 0);
        stdout(&output)
    };
    assert!(validate(&["--lang", "zh"], None).contains(": 通过: 1 个区县"));
    assert!(validate(&[], Some("zh_CN.UTF-8")).contains(": 通过: "));
    assert!(validate(&["--lang", "en"], Some("zh_CN.UTF-8")).contains(": ok: 1 counties"));
    assert!(validate(&[], None).contains(": ok: "));

    let output = solve(&sample.data(), &["--lang", "zh"]);
    assert_exit(&output, 0);
    let text = stdout(&output);
    assert!(text.starts_with("状态        最优\n"), "{text}");
    assert!(text.contains("\n缺编        "), "{text}");
    assert!(
        text.contains("已写出 roster.csv, coverage.csv, summary.json, report.html, roster.xlsx")
    );
}

/// A validation error and a check violation, run with `--lang`: the words
/// come from the catalog in the language asked for, the file, line, column
/// and value stay as they are.
#[test]
fn a_validation_error_and_a_check_violation_follow_lang() {
    let sample = Sample::new();
    sample.set_teacher("T000001", "gender", "X");
    let validate = |lang: &str| {
        let output = rotaplan()
            .args(["--lang", lang, "validate"])
            .arg(sample.data())
            .args(["--as-of", cli_support::AS_OF])
            .output()
            .unwrap();
        assert_exit(&output, 1);
        cli_support::stderr(&output)
    };
    let zh = validate("zh");
    assert!(
        zh.contains("teachers.csv:2: 列 gender, 值 \"X\": 应为以下之一: M, F (男/女)"),
        "{zh}"
    );
    assert!(zh.contains("共发现 1 个问题"), "{zh}");
    assert!(zh.contains("未写入任何文件"), "{zh}");
    let en = validate("en");
    assert!(
        en.contains("teachers.csv:2: column gender, value \"X\": expected one of M, F (男/女)"),
        "{en}"
    );
    assert!(en.contains("1 problem(s) found"), "{en}");

    // T000001 teaches 体育 only: rotating them in 数学 breaks rule 1.
    let sample = Sample::new();
    let roster = sample.file("roster.csv");
    std::fs::write(
        &roster,
        format!(
            "{}\nT000001,,rotation,数学,S01001,S01002,2027-autumn,2028-spring,,,,,\n",
            HEADER.join(",")
        ),
    )
    .unwrap();
    let check = |lang: &str| {
        let output = rotaplan()
            .args(["--lang", lang, "check"])
            .arg(sample.data())
            .arg(&roster)
            .args(["--as-of", cli_support::AS_OF])
            .output()
            .unwrap();
        assert_exit(&output, 1);
        stdout(&output)
    };
    let zh = check("zh");
    assert!(
        zh.contains("规则 1 (任教学科), 第 2 行: T000001 只能任教 体育, 不能任教 数学"),
        "{zh}"
    );
    assert!(zh.contains("违反硬性规则"), "{zh}");
    let en = check("en");
    assert!(
        en.contains("rule 1 (subject), row 2: T000001 is qualified only in 体育, not 数学"),
        "{en}"
    );
}
