use super::*;
use crate::output::{QuotaFigures, Status};

fn school(id: &str, name: &str, at: Option<(f64, f64)>) -> ReportSchool {
    ReportSchool {
        id: id.into(),
        name: name.into(),
        county: "永乐县".into(),
        area: Area::Rural,
        weak: false,
        lat: at.map(|p| p.0),
        lon: at.map(|p| p.1),
    }
}

fn row(teacher: &str, name: &str, kind: &str, home: &str, host: &str) -> RosterRow {
    RosterRow {
        teacher_id: teacher.into(),
        teacher_name: name.into(),
        kind: kind.into(),
        subject: "数学".into(),
        home_school_id: home.into(),
        host_school_id: host.into(),
        start_term: "2027-autumn".into(),
        end_term: "2028-spring".into(),
        needs_bed: "false".into(),
        ..RosterRow::default()
    }
}

struct Fixture {
    summary: Summary,
    roster: Vec<RosterRow>,
    coverage: Vec<CoverageRow>,
    schools: Vec<ReportSchool>,
}

impl Fixture {
    fn new() -> Fixture {
        let mut summary = Summary::new(Status::Optimal);
        summary.quota.insert(
            "永乐县".into(),
            QuotaFigures {
                eligible: 10,
                required: 1,
                achieved: 1,
                backbone_required: 1,
                backbone_achieved: 0,
            },
        );
        summary
            .warnings
            .push("unknown column <x> in teachers.csv".into());
        Fixture {
            summary,
            roster: vec![
                row("T1", "王<b>明</b>", "rotation", "S1", "S2"),
                row("T2", "李娜", "support", "S2", "S1"),
                row("T3", "张\"伟\"", "shadow", "S1", "S3"),
            ],
            coverage: vec![
                CoverageRow::new("永乐县", "S1", "数学", "2027-autumn", 2, 1, 1),
                CoverageRow::new("永乐县", "S2", "数学", "2027-autumn", 2, 2, 1),
            ],
            schools: vec![
                school("S1", "<script>alert(1)</script>小学", Some((30.0, 115.0))),
                school("S2", "第二小学 & 'co'", Some((30.2, 115.3))),
                school("S3", "</script>中学", None),
            ],
        }
    }

    fn render(&self, language: Language) -> String {
        String::from_utf8(render_html(&Page {
            summary: &self.summary,
            roster: &self.roster,
            coverage: &self.coverage,
            schools: &self.schools,
            language,
        }))
        .unwrap()
    }
}

#[test]
fn user_text_never_becomes_markup() {
    let html = Fixture::new().render(Language::Zh);
    assert_eq!(html.matches("<script").count(), 1, "only the data block");
    assert!(!html.contains("<b>明"));
    assert!(html.contains("王&lt;b&gt;明&lt;/b&gt;"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;小学"));
    assert!(html.contains("张&quot;伟&quot;"));
    assert!(html.contains("第二小学 &amp; &#39;co&#39;"));
    assert!(html.contains("unknown column &lt;x&gt; in teachers.csv"));
}

#[test]
fn one_arrow_per_exchange_between_placed_schools_and_a_note_for_the_rest() {
    let html = Fixture::new().render(Language::Zh);
    assert_eq!(html.matches("<path class=\"exchange\"").count(), 2);
    assert_eq!(html.matches("data-kind=\"rotation\"").count(), 1);
    assert_eq!(html.matches("data-kind=\"support\"").count(), 1);
    assert_eq!(html.matches("<circle class=\"school\"").count(), 2);
    assert!(html.contains("1 所学校缺少经纬度"), "{html}");
    assert!(html.contains("涉及这些学校的 1 条交流未画出"));
}

#[test]
fn bars_before_and_after_for_every_school_with_coverage() {
    let html = Fixture::new().render(Language::Zh);
    assert_eq!(html.matches("class=\"bar before\"").count(), 2);
    assert_eq!(html.matches("class=\"bar after ").count(), 2);
    // S2 was not short and is short 1 after: its after bar is "worse".
    assert!(html.contains("data-school=\"S2\"><text"));
    assert!(html.contains("class=\"bar after worse\""));
    assert!(html.contains("class=\"bar after same\""));
}

#[test]
fn nothing_is_fetched_from_anywhere() {
    let html = Fixture::new().render(Language::Zh);
    let without_svg_namespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for needle in ["http:", "https:", "src=", "href=", "@import", "@font-face"] {
        assert!(!without_svg_namespace.contains(needle), "{needle}");
    }
    let urls: Vec<&str> = html.split("url(").skip(1).collect();
    assert!(urls.iter().all(|u| u.starts_with("#head-")), "{urls:?}");
    assert!(html.contains("default-src 'none'"));
}

#[test]
fn the_data_block_gives_back_the_schools_and_language() {
    let fixture = Fixture::new();
    let html = fixture.render(Language::En);
    let (language, schools) = read_schools(&html).unwrap();
    assert_eq!(language, Language::En);
    assert_eq!(schools, fixture.schools);
    assert!(read_schools("<html></html>").is_err());
}

#[test]
fn chinese_by_default_english_on_request() {
    let fixture = Fixture::new();
    let zh = fixture.render(Language::default());
    assert!(zh.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(zh.contains("派出学校新增缺编") && zh.contains("交流轮岗"));
    let en = fixture.render(Language::En);
    assert!(en.contains("Shortage created at sending schools") && en.contains(">rotation<"));
    assert!(!en.contains("交流轮岗"));
}

#[test]
fn the_headline_shows_the_shortage_filled_next_to_the_shortage_created() {
    let mut fixture = Fixture::new();
    fixture.summary.shortage_before = 7;
    fixture.summary.shortage_after = 5;
    fixture.summary.shortage_created = 2;
    let html = fixture.render(Language::Zh);
    assert!(
        html.contains("id=\"figure-shortage\"><div class=\"value\">7 → 5</div>"),
        "{html}"
    );
    assert!(html.contains("id=\"figure-filled\"><div class=\"value\">4</div>"));
    assert!(html.contains(
        "id=\"figure-created\"><div class=\"value\">2</div><div class=\"label\">派出学校新增缺编"
    ));
}

#[test]
fn the_targets_say_met_or_missed() {
    let html = Fixture::new().render(Language::En);
    assert!(html.contains("<td class=\"met\">1/1 met</td>"));
    assert!(html.contains("<td class=\"missed\">0/1 missed</td>"));
}

#[test]
fn same_inputs_same_bytes() {
    let fixture = Fixture::new();
    assert_eq!(fixture.render(Language::Zh), fixture.render(Language::Zh));
}

#[test]
fn every_id_is_used_once() {
    let html = Fixture::new().render(Language::Zh);
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let all = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all, "{ids:?}");
}
