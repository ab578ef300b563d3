//! Chinese and English (SPEC §5: `--lang zh|en`, defaulting from the
//! locale; SPEC §3 `[output] language` for the workbook). Every label and
//! message that exists in both languages lives in the one [`catalog!`]
//! below, so a missing translation is a compile error rather than an
//! English string in a Chinese table, and a test walks the catalog for the
//! placeholders each text must carry.

use std::fmt::Display;

use crate::domain::Kind;
use crate::output::Status;

pub use crate::domain::policy::Language;

impl Language {
    /// SPEC §5: Chinese when the locale (`LC_ALL`, else `LC_MESSAGES`, else
    /// `LANG`, the first that is set and not empty, as POSIX orders them)
    /// starts with `zh`, otherwise English.
    pub fn from_locale() -> Language {
        let var = |name: &str| std::env::var(name).ok();
        Language::from_locale_vars([var("LC_ALL"), var("LC_MESSAGES"), var("LANG")])
    }

    fn from_locale_vars(vars: [Option<String>; 3]) -> Language {
        let locale = vars.into_iter().flatten().find(|value| !value.is_empty());
        match locale {
            Some(locale) if locale.to_ascii_lowercase().starts_with("zh") => Language::Zh,
            _ => Language::En,
        }
    }

    /// A kind's name for people: `支教`, `support`.
    pub fn kind(self, kind: Kind) -> &'static str {
        match kind {
            Kind::Rotation => Msg::KindRotation,
            Kind::Support => Msg::KindSupport,
            Kind::Shadow => Msg::KindShadow,
            Kind::Secondment => Msg::KindSecondment,
        }
        .text(self)
    }

    /// A run status for people: `最优`, `optimal`.
    pub fn status(self, status: Status) -> &'static str {
        match status {
            Status::Optimal => Msg::StatusOptimal,
            Status::Feasible => Msg::StatusFeasible,
            Status::Infeasible => Msg::StatusInfeasible,
            Status::TimeLimit => Msg::StatusTimeLimit,
            Status::Error => Msg::StatusError,
        }
        .text(self)
    }
}

/// Declares [`Msg`] and its texts: `Key => "english", "中文";`.
macro_rules! catalog {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A label or message of the catalog.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg {
            $($key,)*
        }

        impl Msg {
            /// Every key, for the test that walks the catalog.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// The text in `language`; `{name}` marks where [`Msg::fill`]
            /// puts a value.
            pub fn text(self, language: Language) -> &'static str {
                match (self, language) {
                    $(
                        (Msg::$key, Language::En) => $en,
                        (Msg::$key, Language::Zh) => $zh,
                    )*
                }
            }
        }
    };
}

impl Msg {
    /// The text with each `{name}` replaced by its value.
    pub fn fill(self, language: Language, values: &[(&str, &dyn Display)]) -> String {
        let mut text = self.text(language).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }
}

catalog! {
    // Exchange kinds (SPEC §1).
    KindRotation => "rotation", "交流轮岗";
    KindSupport => "support", "支教";
    KindShadow => "shadow", "跟岗学习";
    KindSecondment => "secondment", "挂职";

    // Run status (summary.json's codes, for people).
    StatusOptimal => "optimal", "最优";
    StatusFeasible => "feasible", "可行";
    StatusInfeasible => "infeasible", "无可行方案";
    StatusTimeLimit => "time_limit", "超时";
    StatusError => "error", "错误";

    // The summary table `solve` prints.
    TableStatus => "status", "状态";
    TableObjective => "objective", "目标值";
    TableGap => "gap", "间隙";
    TableTime => "time", "用时";
    TableTimeValue => "{seconds} s", "{seconds} 秒";
    TableModel => " ({variables} variables, {constraints} constraints, built in {build} s)",
        " ({variables} 个变量, {constraints} 个约束, 建模 {build} 秒)";
    TableShortage => "shortage", "缺编";
    TableShortageValue => "{before} -> {after} post-terms (rural/weak {rural_before} -> {rural_after})",
        "{before} -> {after} 岗位学期 (乡村/薄弱 {rural_before} -> {rural_after})";
    TableShortageFilled => "filled {filled}, created {created} at sending schools",
        "填补 {filled}, 派出学校新增 {created}";
    TableExchanges => "exchanges", "交流人数";
    TableExchangesValue => "{total} (rotation {rotation}, support {support}, shadow {shadow}; refills {refills})",
        "{total} (交流轮岗 {rotation}, 支教 {support}, 跟岗学习 {shadow}; 补岗 {refills})";
    TableSecondmentValue => "incl. {secondment} cadre secondments", "其中干部挂职 {secondment} 人";
    TableChanges => "changes", "变动";
    TableChangesValue => "{added} added, {removed} removed, {moved} moved, {unchanged} unchanged",
        "新增 {added}, 取消 {removed}, 调整 {moved}, 不变 {unchanged}";
    TableFairness => "fairness", "公平性";
    TableFairnessValue => "{inversions} seniority inversions; volunteers {sent}/{volunteers} sent",
        "资历倒挂 {inversions} 处; 自愿报名 {sent}/{volunteers} 人成行";
    TableFairnessValue2 => "promotion needs {served}/{needs} served; preferences {met}/{stated} met",
        "职称晋升需求 {served}/{needs} 人满足; 志愿 {met}/{stated} 条满足";
    TableWarnings => "warnings", "警告";
    TableWarningsNone => "none", "无";
    TableWarningsSome => "{n} (listed above and in summary.json)", "{n} 条 (见上文及 summary.json)";
    TableWarningsAbove => "{n} (listed above)", "{n} 条 (见上文)";
    TableConflicts => "conflicting rules:", "相互冲突的规则:";
    TableMoreConflicts => "  ... {n} more (all are listed below)", "  ... 另有 {n} 条 (全部列于下方)";
    TableCounty => "county", "区县";
    TableEligible => "eligible", "符合条件";
    TableQuota => "quota", "交流比例";
    TableBackbone => "backbone", "骨干";
    TableMissed => "MISSED by {n}", "差 {n} 人";
    TableBackboneMissed => "backbone MISSED by {n}", "骨干差 {n} 人";
    TableBothMissed => "MISSED by {n} (backbone by {b})", "差 {n} 人 (骨干差 {b} 人)";
    TableMoreCounties => "({n} more counties met every target)", "(另有 {n} 个区县全部达标)";
    TableQuotaLegend => "(quota and backbone: achieved/required exchanges)",
        "(交流比例与骨干: 实际/要求人数)";
    TableCadreLegend => "(secondment: achieved/required cadres seconded each way)",
        "(挂职: 实际/要求互派干部人数, 每个方向)";
    TableSchoolsMissed => "quota.per_school: {n} school(s) MISSED a target:",
        "quota.per_school: {n} 所学校未达标:";
    TableSchoolMissed => "  school {school}: quota {achieved}/{required}, backbone {backbone_achieved}/{backbone_required}",
        "  学校 {school}: 交流 {achieved}/{required}, 骨干 {backbone_achieved}/{backbone_required}";

    // Command-line messages.
    CliWarning => "warning: {text}", "警告: {text}";
    CliNothingWritten => "Nothing was written. Fix the problems above and run again.",
        "未写入任何文件。请修正以上问题后重新运行。";
    CliProblemsFound => "{n} problem(s) found", "共发现 {n} 个问题";
    CliValidateOk => "{data}: ok: {counties} counties, {schools} schools, {teachers} teachers, {demand} demand lines, {in_force} exchanges in force; horizon {horizon}",
        "{data}: 通过: {counties} 个区县, {schools} 所学校, {teachers} 名教师, {demand} 条编制需求, {in_force} 项在期交流; 规划学期 {horizon}";
    CliNoRoster => "No roster was written; the previous outputs are untouched.",
        "未写出名单; 原有输出文件保持不变。";
    CliWrote => "Wrote {files} to {out}", "已写出 {files} 到 {out}";
    CliCheckOk => "{roster}: ok: {n} exchanges, no hard rule broken",
        "{roster}: 通过: {n} 条交流, 未违反任何硬性规则";
    CliCheckViolations => "{roster}: {n} violation(s) of the hard rules",
        "{roster}: 违反硬性规则 {n} 处";

    // roster.xlsx: sheet names.
    SheetRoster => "roster", "交流名单";
    SheetPublic => "public list", "公示名单";
    SheetSchools => "schools", "学校学科";
    SheetSummary => "summary", "汇总";
    // roster.xlsx: columns beyond the roster's own.
    ColHomeName => "home_school_name", "派出学校";
    ColHostName => "host_school_name", "接收学校";
    ColNumber => "No.", "序号";
    ColName => "name", "姓名";
    ColKind => "kind", "交流方式";
    ColSubject => "subject", "学科";
    ColDates => "dates", "起止日期";
    DateRange => "{start} to {end}", "{start} 至 {end}";
    PublicTitle => "Teacher exchanges {first} to {last}: public list", "{first} 至 {last} 教师交流公示名单";
    ColCounty => "county", "区县";
    ColSchoolId => "school_id", "学校代码";
    ColSchoolName => "school_name", "学校名称";
    ColTerm => "term", "学期";
    ColDemand => "demand", "编制数";
    ColStaffBefore => "staff_before", "交流前在岗";
    ColDepartures => "departures", "派出";
    ColArrivals => "arrivals", "派入";
    ColStaffAfter => "staff_after", "交流后在岗";
    ColShortageBefore => "shortage_before", "交流前缺编";
    ColShortageAfter => "shortage_after", "交流后缺编";
    ColFigure => "figure", "项目";
    ColValue => "value", "数值";
    ColRequired => "required", "要求交流";
    ColAchieved => "achieved", "实际交流";
    ColBackboneRequired => "backbone_required", "要求骨干";
    ColBackboneAchieved => "backbone_achieved", "实际骨干";
    ColWarning => "warning", "警告";
    FigTeachers => "teachers", "教师人数";
    FigSchools => "schools", "学校数";
    FigEligible => "eligible for rotation", "符合轮岗条件";
    FigShortageBefore => "shortage before (post-terms)", "交流前缺编 (岗位学期)";
    FigShortageAfter => "shortage after (post-terms)", "交流后缺编 (岗位学期)";
    FigRuralBefore => "rural/weak shortage before", "乡村/薄弱学校交流前缺编";
    FigRuralAfter => "rural/weak shortage after", "乡村/薄弱学校交流后缺编";
    Yes => "true", "是";
    No => "false", "否";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{name}` placeholders of a text, sorted.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn every_key_has_both_languages_with_the_same_placeholders() {
        for &msg in Msg::ALL {
            let (en, zh) = (msg.text(Language::En), msg.text(Language::Zh));
            assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{msg:?}");
            assert_eq!(placeholders(en), placeholders(zh), "{msg:?}");
            // Chinese text is Chinese unless it is only placeholders, codes
            // and figures (a policy key like quota.per_school stays as is).
            let has_cjk = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(!has_cjk(en), "{msg:?} English text has Chinese: {en}");
            assert!(has_cjk(zh), "{msg:?} has no Chinese text: {zh}");
        }
    }

    #[test]
    fn fill_puts_values_in_place() {
        let text = Msg::CliProblemsFound.fill(Language::Zh, &[("n", &3)]);
        assert_eq!(text, "共发现 3 个问题");
        let text = Msg::DateRange.fill(
            Language::En,
            &[("start", &"2027-09-01"), ("end", &"2028-07-10")],
        );
        assert_eq!(text, "2027-09-01 to 2028-07-10");
    }

    #[test]
    fn the_locale_picks_the_language() {
        let vars = |all: Option<&str>, lang: Option<&str>| {
            Language::from_locale_vars([all.map(String::from), None, lang.map(String::from)])
        };
        assert_eq!(vars(None, Some("zh_CN.UTF-8")), Language::Zh);
        assert_eq!(vars(Some("en_US.UTF-8"), Some("zh_CN.UTF-8")), Language::En);
        assert_eq!(vars(Some(""), Some("zh_TW")), Language::Zh);
        assert_eq!(vars(None, None), Language::En);
        assert_eq!(vars(Some("C"), None), Language::En);
    }

    #[test]
    fn kinds_have_names() {
        assert_eq!(Language::Zh.kind(Kind::Support), "支教");
        assert_eq!(Language::En.kind(Kind::Shadow), "shadow");
    }
}
