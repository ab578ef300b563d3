//! The short plain-text summary `solve` prints (SPEC §5), in Chinese or
//! English from the one catalog ([`crate::lang`]). No colour and no
//! symbols outside ASCII in the table's own text: the nightly batch pipes
//! it into logs and mail, and a Chinese Windows console (code page 936)
//! cannot show `⚠`, so a missed quota is flagged `MISSED by N`. Lines stay
//! within 80 columns, counting a CJK character as two.

use crate::lang::{tr, Language, Msg};
use std::collections::BTreeMap;

use super::summary::{AllianceFigures, QuotaFigures, Summary};

/// Terminal width the table fits in.
const WIDTH: usize = 80;
/// Width of the label column (`exchanges   `).
const LABEL: usize = 12;
/// With more counties than this, only those that missed a target are listed.
const MAX_COUNTY_ROWS: usize = 15;
/// Conflicting rules shown for an infeasible run (`solve` prints all of
/// them on stderr after the table).
const MAX_CONFLICTS: usize = 5;
/// Widest county name shown in full.
const MAX_COUNTY_WIDTH: usize = 20;

/// Renders the summary table in `language`, one `\n`-terminated line each.
/// `written`: whether the run wrote its summary.json, which the table may
/// then point to (a run without a roster writes nothing). The warnings are
/// printed before the table, the conflicting rules after it.
pub(crate) fn summary_table(summary: &Summary, written: bool, language: Language) -> String {
    let l = language;
    let mut lines: Vec<String> = Vec::new();
    let mut field = |label: Msg, value: String| {
        // A continuation line has no label of its own.
        let label = if matches!(
            label,
            Msg::TableFairnessValue2 | Msg::TableShortageFilled | Msg::TableSecondmentValue
        ) {
            ""
        } else {
            label.text(l)
        };
        lines.push(format!("{}{value}", pad(&label, LABEL)));
    };

    field(Msg::TableStatus, l.status(summary.status).to_string());
    field(
        Msg::TableObjective,
        summary
            .objective
            .map_or_else(|| "-".to_string(), |v| format!("{v:.2}")),
    );
    field(
        Msg::TableGap,
        summary
            .mip_gap
            .map_or_else(|| "-".to_string(), |g| format!("{:.2}%", g * 100.0)),
    );
    let seconds = format!("{:.1}", summary.solve_seconds);
    let mut time = Msg::TableTimeValue.fill(l, &[("seconds", &seconds)]);
    if let Some(model) = &summary.model {
        let build = format!("{:.1}", model.build_seconds);
        time.push_str(&Msg::TableModel.fill(
            l,
            &[
                ("variables", &model.variables),
                ("constraints", &model.constraints),
                ("build", &build),
            ],
        ));
    }
    field(Msg::TableTime, time);
    field(
        Msg::TableShortage,
        Msg::TableShortageValue.fill(
            l,
            &[
                ("before", &summary.shortage_before),
                ("after", &summary.shortage_after),
                ("rural_before", &summary.rural_shortage_before),
                ("rural_after", &summary.rural_shortage_after),
            ],
        ),
    );
    field(
        Msg::TableShortageFilled,
        Msg::TableShortageFilled.fill(
            l,
            &[
                ("filled", &summary.shortage_filled()),
                ("created", &summary.shortage_created),
            ],
        ),
    );
    let e = &summary.exchanges;
    let mut exchanges = Msg::TableExchangesValue.fill(
        l,
        &[
            ("total", &e.total),
            ("rotation", &e.rotation),
            ("support", &e.support),
            ("shadow", &e.shadow),
            ("refills", &summary.refills),
        ],
    );
    if summary.in_force > 0 {
        exchanges.push_str(&tr!(language; TableInForce, n = summary.in_force));
    }
    field(Msg::TableExchanges, exchanges);
    if e.secondment > 0 {
        field(
            Msg::TableSecondmentValue,
            Msg::TableSecondmentValue.fill(l, &[("secondment", &e.secondment)]),
        );
    }
    if let Some(c) = &summary.changed_vs_previous {
        field(
            Msg::TableChanges,
            Msg::TableChangesValue.fill(
                l,
                &[
                    ("added", &c.added),
                    ("removed", &c.removed),
                    ("moved", &c.moved),
                    ("unchanged", &c.unchanged),
                ],
            ),
        );
    }
    if let Some(f) = &summary.fairness {
        field(
            Msg::TableFairness,
            Msg::TableFairnessValue.fill(
                l,
                &[
                    ("inversions", &f.seniority_inversions),
                    ("sent", &f.volunteers_sent),
                    ("volunteers", &f.volunteers),
                ],
            ),
        );
        field(
            Msg::TableFairnessValue2,
            Msg::TableFairnessValue2.fill(
                l,
                &[
                    ("served", &f.promotion_served),
                    ("needs", &f.promotion_needs),
                    ("met", &f.preferences_met),
                    ("stated", &f.preferences_stated),
                ],
            ),
        );
    }
    field(
        Msg::TableWarnings,
        match summary.warnings.len() {
            0 => Msg::TableWarningsNone.text(l).to_string(),
            n if written => Msg::TableWarningsSome.fill(l, &[("n", &n)]),
            n => Msg::TableWarningsAbove.fill(l, &[("n", &n)]),
        },
    );

    if let Some(conflicts) = summary.infeasibility.as_deref().filter(|c| !c.is_empty()) {
        lines.push(String::new());
        lines.push(Msg::TableConflicts.text(l).to_string());
        for rule in conflicts.iter().take(MAX_CONFLICTS) {
            lines.push(truncate(&format!("  {rule}"), WIDTH));
        }
        if conflicts.len() > MAX_CONFLICTS {
            let more = conflicts.len() - MAX_CONFLICTS;
            lines.push(Msg::TableMoreConflicts.fill(l, &[("n", &more)]));
        }
    }

    if !summary.quota.is_empty() {
        lines.push(String::new());
        lines.extend(quota_table(summary, l));
    }
    if let Some(alliance) = summary.alliance.as_ref().filter(|a| !a.is_empty()) {
        lines.push(String::new());
        lines.extend(alliance_table(
            alliance,
            Msg::TableAllianceLegend.text(l),
            l,
        ));
    }
    if let Some(cadres) = summary.secondment.as_ref().filter(|a| !a.is_empty()) {
        lines.push(String::new());
        lines.extend(alliance_table(cadres, Msg::TableCadreLegend.text(l), l));
    }

    let mut out = String::new();
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The per-county quota lines: achieved/required for the exchange quota
/// and the backbone share, and a flag where a target was missed.
fn quota_table(summary: &Summary, l: Language) -> Vec<String> {
    let missed = |q: &QuotaFigures| q.shortfall() > 0 || q.backbone_shortfall() > 0;
    let show_all = summary.quota.len() <= MAX_COUNTY_ROWS;
    let shown: Vec<(&String, &QuotaFigures)> = summary
        .quota
        .iter()
        .filter(|(_, q)| show_all || missed(q))
        .collect();
    let names: Vec<String> = shown
        .iter()
        .map(|(county, _)| truncate(county, MAX_COUNTY_WIDTH))
        .collect();
    let county_label = Msg::TableCounty.text(l);
    let county_width = names
        .iter()
        .map(|n| display_width(n))
        .chain([display_width(county_label)])
        .max()
        .unwrap_or(0);
    let headings = [Msg::TableEligible, Msg::TableQuota, Msg::TableBackbone].map(|m| m.text(l));
    let [eligible_w, quota_w, backbone_w] = [(headings[0], 8), (headings[1], 7), (headings[2], 8)]
        .map(|(heading, min)| display_width(heading).max(min));
    let mut lines = vec![format!(
        "{}  {}  {}  {}",
        pad(&county_label, county_width),
        right(headings[0], eligible_w),
        right(headings[1], quota_w),
        right(headings[2], backbone_w)
    )];
    for (name, (_, q)) in names.iter().zip(&shown) {
        let mut line = format!(
            "{}  {}  {}  {}",
            pad(name, county_width),
            right(&q.eligible.to_string(), eligible_w),
            right(&format!("{}/{}", q.achieved, q.required), quota_w),
            right(
                &format!("{}/{}", q.backbone_achieved, q.backbone_required),
                backbone_w
            ),
        );
        let flag = match (q.shortfall(), q.backbone_shortfall()) {
            (0, 0) => String::new(),
            (0, b) => Msg::TableBackboneMissed.fill(l, &[("n", &b)]),
            (n, 0) => Msg::TableMissed.fill(l, &[("n", &n)]),
            (n, b) => Msg::TableBothMissed.fill(l, &[("n", &n), ("b", &b)]),
        };
        if !flag.is_empty() {
            line.push_str("  ");
            line.push_str(&flag);
        }
        lines.push(line);
    }
    if !show_all {
        let met = summary.quota.len() - shown.len();
        lines.push(Msg::TableMoreCounties.fill(l, &[("n", &met)]));
    }
    lines.push(Msg::TableQuotaLegend.text(l).to_string());
    if let Some(schools) = &summary.quota_by_school {
        let missed: Vec<String> = schools
            .iter()
            .filter(|(_, q)| q.shortfall() + q.backbone_shortfall() > 0)
            .map(|(school, q)| {
                Msg::TableSchoolMissed.fill(
                    l,
                    &[
                        ("school", school),
                        ("achieved", &q.achieved),
                        ("required", &q.required),
                        ("backbone_achieved", &q.backbone_achieved),
                        ("backbone_required", &q.backbone_required),
                    ],
                )
            })
            .collect();
        if !missed.is_empty() {
            lines.push(Msg::TableSchoolsMissed.fill(l, &[("n", &missed.len())]));
            lines.extend(missed);
        }
    }
    lines
}

/// The per-group lines of a group target (alliance or cadre exchange):
/// achieved/required each way, and a flag where the target was missed;
/// only the missed groups when there are many; `legend` last.
fn alliance_table(
    groups: &BTreeMap<String, AllianceFigures>,
    legend: &str,
    l: Language,
) -> Vec<String> {
    let [group, out, back] = [
        Msg::TableGroup,
        Msg::TableLeadToMembers,
        Msg::TableMembersToLead,
    ]
    .map(|msg| msg.text(l));
    let way = |s: &str| display_width(s).max(13);
    let (out_w, back_w) = (way(out), way(back));
    let show_all = groups.len() <= MAX_COUNTY_ROWS;
    let shown: Vec<(String, &AllianceFigures)> = groups
        .iter()
        .filter(|(_, a)| show_all || a.shortfall() > 0)
        .map(|(group, a)| (truncate(group, MAX_COUNTY_WIDTH), a))
        .collect();
    let width = shown
        .iter()
        .map(|(name, _)| display_width(name))
        .chain([display_width(group)])
        .max()
        .unwrap_or(0);
    let mut lines = vec![format!(
        "{}  {}  {}",
        pad(&group, width),
        right(out, out_w),
        right(back, back_w)
    )];
    for (name, a) in &shown {
        let mut line = format!(
            "{}  {}  {}",
            pad(name, width),
            right(&format!("{}/{}", a.lead_to_members, a.required), out_w),
            right(&format!("{}/{}", a.members_to_lead, a.required), back_w)
        );
        if a.shortfall() > 0 {
            line.push_str("  ");
            line.push_str(&tr!(l; TableMissed, n = a.shortfall()));
        }
        lines.push(line);
    }
    if !show_all {
        let met = groups.len() - shown.len();
        lines.push(tr!(l; TableMoreGroups, n = met));
    }
    lines.push(legend.to_string());
    lines
}

/// Columns a string takes in a terminal: two for East Asian wide and
/// full-width characters, one otherwise. Covers the CJK blocks a county or
/// school name uses; a full Unicode width table is not worth a dependency.
pub(crate) fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let wide = matches!(
        u32::from(c),
        0x1100..=0x115F        // Hangul Jamo
        | 0x2E80..=0x303E      // CJK radicals, punctuation
        | 0x3041..=0x33FF      // kana, CJK symbols
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xA000..=0xA4CF      // Yi
        | 0xAC00..=0xD7A3      // Hangul syllables
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFE30..=0xFE4F      // CJK compatibility forms
        | 0xFF00..=0xFF60      // full-width forms
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD // CJK extensions B and later
    );
    if wide {
        2
    } else {
        1
    }
}

/// `s` padded with spaces to `width` columns.
pub(crate) fn pad(s: &impl AsRef<str>, width: usize) -> String {
    let s = s.as_ref();
    let fill = width.saturating_sub(display_width(s));
    format!("{s}{}", " ".repeat(fill))
}

/// `s` right-aligned in `width` columns, by display width so that Chinese
/// headings line up too.
fn right(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(display_width(s))))
}

/// `s` cut to at most `width` columns, ending in `~` when cut.
pub(crate) fn truncate(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        if used + char_width(c) > width.saturating_sub(1) {
            break;
        }
        used += char_width(c);
        out.push(c);
    }
    out.push('~');
    out
}

#[cfg(test)]
mod tests {
    use super::super::summary::{Changes, ExchangeCounts, ModelStats, Status};
    use super::*;

    fn figures(required: u32, achieved: u32, bb_req: u32, bb_ach: u32) -> QuotaFigures {
        QuotaFigures {
            eligible: required * 10,
            required,
            achieved,
            backbone_required: bb_req,
            backbone_achieved: bb_ach,
        }
    }

    fn sample() -> Summary {
        let mut s = Summary::new(Status::Feasible);
        s.objective = Some(98765.4321);
        s.mip_gap = Some(0.0123);
        s.solve_seconds = 12.34;
        s.model = Some(ModelStats {
            variables: 123_456,
            constraints: 78_901,
            build_seconds: 0.8,
        });
        s.shortage_before = 40;
        s.shortage_after = 11;
        s.rural_shortage_before = 25;
        s.rural_shortage_after = 4;
        s.shortage_created = 3;
        s.refills = 2;
        s.exchanges = ExchangeCounts {
            rotation: 6,
            support: 3,
            shadow: 2,
            secondment: 1,
            total: 12,
        };
        s.quota.insert("城关县".into(), figures(4, 4, 1, 1));
        s.quota.insert("青山区".into(), figures(5, 3, 1, 0));
        s.quota.insert("north".into(), figures(2, 2, 1, 0));
        s.warnings = vec!["a".into(), "b".into()];
        s
    }

    fn assert_fits(table: &str) {
        for line in table.lines() {
            assert!(display_width(line) <= WIDTH, "too wide: {line:?}");
        }
    }

    #[test]
    fn shows_the_key_figures() {
        let table = summary_table(&sample(), true, Language::En);
        assert!(table.starts_with("status      feasible\n"), "{table}");
        assert!(table.contains("objective   98765.43\n"), "{table}");
        assert!(table.contains("gap         1.23%\n"), "{table}");
        assert!(table.contains("12.3 s (123456 variables, 78901 constraints"));
        assert!(table.contains("shortage    40 -> 11 post-terms (rural/weak 25 -> 4)\n"));
        assert!(table.contains("\n            filled 32, created 3 at sending schools\n"));
        assert!(table.contains("exchanges   12 (rotation 6, support 3, shadow 2; refills 2)\n"));
        assert!(table.contains("\n            incl. 1 cadre secondments\n"));
        assert!(table.contains("warnings    2 (listed above and in summary.json)\n"));
        assert!(!table.contains("\nchanges "));
        assert_fits(&table);
    }

    #[test]
    fn flags_missed_quotas_and_aligns_cjk_names() {
        let table = summary_table(&sample(), true, Language::En);
        let line = |county: &str| table.lines().find(|l| l.starts_with(county)).unwrap();
        assert!(line("青山区").ends_with("3/5       0/1  MISSED by 2 (backbone by 1)"));
        assert!(line("north").ends_with("  backbone MISSED by 1"));
        assert!(!line("城关县").contains("MISSED"));
        // Same column for the first figure whatever the script of the name.
        let col = |l: &str| {
            display_width(&l[..l.find("  ").unwrap()])
                + l[l.find("  ").unwrap()..].find(|c: char| c != ' ').unwrap()
        };
        assert_eq!(col(line("青山区")), col(line("north")));
        assert_fits(&table);
    }

    #[test]
    fn no_roster_shows_dashes_and_conflicts() {
        let mut s = Summary::new(Status::Infeasible);
        s.infeasibility = Some(
            (0..7)
                .map(|i| format!("rule {i} {}", "x".repeat(100)))
                .collect(),
        );
        s.changed_vs_previous = Some(Changes::default());
        let table = summary_table(&s, false, Language::En);
        assert!(table.contains("objective   -\n"));
        assert!(table.contains("gap         -\n"));
        assert!(table.contains("changes     0 added, 0 removed, 0 moved, 0 unchanged\n"));
        assert!(table.contains("  rule 4 "));
        assert!(!table.contains("  rule 5 "));
        // Nothing is written without a roster: the table points nowhere
        // else (issue 14: it said "listed in summary.json").
        assert!(table.contains("... 2 more (all are listed below)"));
        assert!(!table.contains("summary.json"), "{table}");
        assert!(table.contains("warnings    none\n"));
        s.warnings = vec!["w".into()];
        let table = summary_table(&s, false, Language::En);
        assert!(table.contains("warnings    1 (listed above)\n"), "{table}");
        assert_fits(&table);
    }

    #[test]
    fn many_counties_list_only_the_missed_ones() {
        let mut s = sample();
        s.quota.clear();
        for i in 0..30 {
            let achieved = if i == 7 { 1 } else { 3 };
            s.quota
                .insert(format!("county-{i:02}"), figures(3, achieved, 1, 1));
        }
        let table = summary_table(&s, false, Language::En);
        assert!(table.contains("county-07"));
        assert!(!table.contains("county-08"));
        assert!(table.contains("(29 more counties met every target)"));
    }

    #[test]
    fn chinese_table_has_chinese_labels_and_fits() {
        let table = summary_table(&sample(), true, Language::Zh);
        assert!(table.starts_with("状态        可行\n"), "{table}");
        assert!(
            table.contains("交流人数    12 (交流轮岗 6, 支教 3, 跟岗学习 2; 补岗 2)\n"),
            "{table}"
        );
        assert!(
            table.contains("警告        2 条 (见上文及 summary.json)\n"),
            "{table}"
        );
        let line = table.lines().find(|l| l.starts_with("青山区")).unwrap();
        assert!(line.ends_with("差 2 人 (骨干差 1 人)"), "{line}");
        assert!(table.lines().any(|l| l.starts_with("区县 ")), "{table}");
        assert_fits(&table);
    }

    #[test]
    fn long_names_are_cut_to_fit() {
        let mut s = sample();
        s.quota.insert(
            "很长很长很长很长很长很长很长很长的县名".into(),
            figures(9, 0, 9, 0),
        );
        let table = summary_table(&s, false, Language::En);
        assert!(table.contains("~"));
        assert_fits(&table);
    }
}
