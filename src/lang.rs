//! Chinese and English (SPEC §5: `--lang zh|en`, defaulting from the
//! locale; SPEC §3 `[output] language` for the workbook and the page). Every
//! label and message that exists in both languages lives in the one
//! [`catalog!`] below, so a missing translation is a compile error rather
//! than an English string in a Chinese table, and a test walks the catalog
//! for the placeholders each text must carry.
//!
//! Messages stay structured: a [`Diagnostic`](crate::input::Diagnostic)
//! keeps file, line, column and value as fields, a violation its rule and
//! rows; the catalog supplies only the words around the values.
//!
//! Which language a message is in is the run's: `--lang`, else the locale,
//! set once by the command line ([`Language::set_current`]) before anything
//! is loaded, and read by [`tr!`] where a message is made. Messages are
//! plain strings from then on, so warnings and explanations that travel
//! through the data set and `summary.json` need no language of their own.
//! Files with a language of their own (`roster.xlsx`, `report.html`: the
//! policy's `[output] language`) pass it explicitly to [`Msg::text`].

use std::fmt::Display;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::domain::Kind;
use crate::output::Status;

pub(crate) use crate::domain::policy::Language;

/// The run's language is Chinese (set once by the command line; English
/// until then, so library callers and tests get English).
static CHINESE: AtomicBool = AtomicBool::new(false);

impl Language {
    /// The language messages are made in ([`tr!`]).
    pub(crate) fn current() -> Language {
        if CHINESE.load(Ordering::Relaxed) {
            Language::Zh
        } else {
            Language::En
        }
    }

    /// Makes `self` the run's language; the command line calls it once,
    /// before loading anything.
    pub(crate) fn set_current(self) {
        CHINESE.store(self == Language::Zh, Ordering::Relaxed);
    }

    /// SPEC §5: Chinese when the locale (`LC_ALL`, else `LC_MESSAGES`, else
    /// `LANG`, the first that is set and not empty, as POSIX orders them)
    /// starts with `zh`, otherwise English.
    pub(crate) fn from_locale() -> Language {
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
    pub(crate) fn kind(self, kind: Kind) -> &'static str {
        match kind {
            Kind::Rotation => Msg::KindRotation,
            Kind::Support => Msg::KindSupport,
            Kind::Shadow => Msg::KindShadow,
            Kind::Secondment => Msg::KindSecondment,
        }
        .text(self)
    }

    /// A run status for people: `最优`, `optimal`.
    pub(crate) fn status(self, status: Status) -> &'static str {
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
        pub(crate) enum Msg {
            $($key,)*
        }

        impl Msg {
            /// Every key, for the test that walks the catalog.
            #[cfg(test)]
            pub(crate) const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// The text in `language`; `{name}` marks where [`Msg::fill`]
            /// puts a value.
            pub(crate) fn text(self, language: Language) -> &'static str {
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
    /// The text with each `{name}` replaced by its value; values its text
    /// does not name are left out, so one list of values can serve keys
    /// that use some of them (the change lines of `solve`). A placeholder
    /// without a value is a bug of the caller (debug builds stop on it;
    /// release builds leave the `{name}` visible rather than lose words).
    pub(crate) fn fill(self, language: Language, values: &[(&str, &dyn Display)]) -> String {
        let template = self.text(language);
        let mut text = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}').unwrap_or(after.len());
            let name = &after[..close];
            match values.iter().find(|(n, _)| *n == name) {
                Some((_, value)) => text.push_str(&value.to_string()),
                None => {
                    debug_assert!(false, "{self:?}: no value for {{{name}}}");
                    text.push_str(&rest[open..(open + close + 2).min(rest.len())]);
                }
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
        text.push_str(rest);
        text
    }
}

/// `tr!(Key, name = value, …)`: the catalog's text of `Key` in the run's
/// language ([`Language::current`]) with each `{name}` filled; `tr!(language;
/// Key, …)` in a given language. Values are anything that displays.
macro_rules! tr {
    ($language:expr; $key:ident $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::lang::Msg::$key.fill(
            $language,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        )
    };
    ($key:ident $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::lang::tr!($crate::lang::Language::current(); $key $(, $name = $value)*)
    };
}
pub(crate) use tr;

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
    TableInForce => "; {n} in force", "; 另有 {n} 项在期交流";
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
    TableGroup => "group", "集团";
    TableLeadToMembers => "lead->members", "龙头->成员";
    TableMembersToLead => "members->lead", "成员->龙头";
    TableMoreGroups => "({n} more groups met the target)", "(另有 {n} 个集团达标)";
    TableAllianceLegend => "(alliance: achieved/required teachers each way)",
        "(集团内交流: 各方向实际/要求人数)";
    TableQuotaLegend => "(quota and backbone: achieved/required exchanges)",
        "(交流比例与骨干: 实际/要求人数)";
    RangeSecondmentTerms => "terms, at most two school years", "学期数, 至多两个学年";
    RangeCadresPerHost => "cadres per school and term", "每校每学期干部人数";
    RangeCadresEachWay => "cadres per group and way, 0 = no target", "每个集团每个方向的干部人数, 0 = 无目标";
    SpanSecondment => "{n} consecutive term(s) (secondment.terms)", "连续 {n} 个学期 (secondment.terms)";
    ReasonCadre => "a cadre ({post}) on secondment (挂职)", "干部 ({post}) 挂职";
    TableCadreLegend => "(secondment: achieved/required cadres seconded each way)",
        "(挂职: 实际/要求互派干部人数, 每个方向)";

    // Missed targets (warnings of a run and of `check`).
    TargetCounty => "county {county}", "区县 {county}";
    TargetSchool => "school {school}", "学校 {school}";
    QuotaMissed => "{what}: quota missed by {n} ({achieved} of {required} required exchanges)",
        "{what}: 交流指标差 {n} 人 (要求 {required} 人, 实际 {achieved} 人)";
    BackboneMissed => "{what}: backbone share missed by {n} ({achieved} of {required} required backbone exchanges)",
        "{what}: 骨干比例差 {n} 人 (要求骨干 {required} 人, 实际 {achieved} 人)";
    GroupTargetMissed => "group {group}: {target} missed by {n} ({out_achieved} of {required} {out}, {back_achieved} of {required} {back})",
        "联盟 {group}: {target}差 {n} 人 ({out} {out_achieved}/{required}, {back} {back_achieved}/{required})";
    AllianceTarget => "alliance target", "置换交流指标";
    AllianceOut => "backbone teachers lead to members", "骨干教师 牵头校→成员校";
    AllianceBack => "teachers members to lead", "教师 成员校→牵头校";
    CadreTarget => "cadre exchange target", "互派干部指标";
    CadreOut => "cadres seconded lead to members", "干部 牵头校→成员校";
    CadreBack => "members to lead", "成员校→牵头校";
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

    // Rules by number (the names are `Rule`'s own).
    RuleNumbered => "rule {n} ({name})", "规则 {n} ({name})";

    // Cells (input/cell.rs): what a bad cell should hold.
    CellOneOf => "expected one of {list}",
        "应为以下之一: {list}";
    CellDate => "expected a date like 2027-09-01, 2027/9/1, 2027.9.1 or 2027年9月1日",
        "应为日期, 如 2027-09-01、2027/9/1、2027.9.1 或 2027年9月1日";
    CellNoSuchDay => "{text} is not a day of the calendar",
        "{text} 不是日历上存在的日期";
    CellNumber => "expected a number",
        "应为数字";
    CellWhole => "expected a whole number",
        "应为整数";
    CellNegative => "must not be negative",
        "不能为负数";
    CellTooLarge => "is too large",
        "数值过大";

    // Exchange kinds as read from a cell.
    KindUnknown => "unknown exchange kind {kind}; expected rotation, support, shadow or secondment (交流轮岗/支教/跟岗学习/挂职)",
        "未知的交流类型 {kind}; 应为 交流轮岗/支教/跟岗学习/挂职 (rotation/support/shadow/secondment)";

    // Where a problem is (input/diagnostics.rs): file:line: column, value: message.
    DiagColumn => " column {column}:",
        " 列 {column}:";
    DiagColumnValue => " column {column}, value {value}:",
        " 列 {column}, 值 {value}:";

    // Tables (input/table.rs): reading a file, its header and rows.
    TableBothPresent => "both {csv} and {xlsx} are present; keep one",
        "{csv} 与 {xlsx} 同时存在; 请只保留一个";
    TableNotFound => "file not found; a data set needs schools.csv, teachers.csv and demand.csv (or .xlsx workbooks of the same names)",
        "找不到文件; 数据集需要 schools.csv、teachers.csv 和 demand.csv (或同名的 .xlsx 工作簿)";
    TableEmpty => "the file is empty; it needs a header row naming its columns",
        "文件为空; 第一行须为列名";
    TableUnclosedQuote => "a quote (\") opens a cell here and is never closed, so the rest of the file would be read as that one cell; close the quote or remove it",
        "此处有引号 (\") 开始一个单元格但始终没有结束, 文件其余部分会被读成这一个单元格; 请补上或删去该引号";
    TableSheetEmpty => "sheet {sheet} is empty; its first row must name the columns",
        "工作表 {sheet} 为空; 第一行须为列名";
    TableNul => "a cell holds a NUL byte; the file looks damaged, export it again",
        "单元格含 NUL 字节; 文件似已损坏, 请重新导出";
    TableSwallowsRows => "a quoted cell starting on this line runs over the next lines and holds what look like whole rows; a quote (\") is missing or stray",
        "从此行开始的带引号单元格跨越后面多行, 包含了看似整行的内容; 缺少或多出一个引号 (\")";
    TableTooManyCells => "the row has {cells} cells but the header names only {columns} columns",
        "该行有 {cells} 个单元格, 但表头只有 {columns} 列";
    TableNoRows => "the file has a header but no rows; a data set needs {what} (was the export cut short?)",
        "文件只有表头没有数据行; 数据集至少需要{what} (导出是否被截断?)";
    NeedSchool => "at least one school",
        "一所学校";
    NeedTeacher => "at least one teacher",
        "一名教师";
    NeedDemand => "at least one demand line",
        "一条编制需求";
    TableDelimiter => "the columns seem to be separated by {delimiter}, not by commas; save the file as CSV with commas (Excel: \"CSV UTF-8 (comma delimited)\")",
        "各列似乎以{delimiter}而非逗号分隔; 请另存为以逗号分隔的 CSV (Excel: \"CSV UTF-8 (逗号分隔)\")";
    TableColumnTwice => "column {column} is given twice (as {first} and {second}); keep one",
        "列 {column} 出现两次 ({first} 与 {second}); 请只保留一个";
    TableMissingColumn => "missing required column {column}; add it to the header row",
        "缺少必需的列 {column}; 请在表头加上";
    TableUnknownColumn => "unknown column {column}, ignored",
        "未知的列 {column}, 已忽略";
    TableUnknownColumns => "{n} unknown columns, ignored: {columns}",
        "{n} 个未知的列, 已忽略: {columns}";
    AndMore => " and {n} more",
        " 等, 另有 {n} 个";
    SepSemicolons => "semicolons (;)",
        "分号 (;)";
    SepTabs => "tabs",
        "制表符";
    SepBars => "vertical bars (|)",
        "竖线 (|)";
    SepWideSemicolons => "full-width semicolons (；)",
        "全角分号 (；)";
    SepWideCommas => "full-width commas (，)",
        "全角逗号 (，)";
    TableNotCsv => "not a readable CSV file: {error}",
        "不是可读取的 CSV 文件: {error}";
    CellEmpty => "this cell must not be empty",
        "此单元格不能为空";
    CellRange => "is out of range; it must lie between {least} and {most} ({meaning})",
        "超出范围; 应在 {least} 与 {most} 之间 ({meaning})";

    // schools.csv
    SchoolRoleWithoutGroup => "a group role needs a group; fill in the group column",
        "填写了集团角色就须有集团; 请填写 group 列";
    RangeBeds => "beds at one school",
        "一所学校的宿舍床位数";
    SchoolDegrees => "must lie between -{limit} and {limit} degrees",
        "应在 -{limit} 与 {limit} 度之间";
    SchoolLatWithoutLon => "lat is given without lon; give both or neither",
        "有纬度 (lat) 而无经度 (lon); 请两者都填或都不填";
    SchoolLonWithoutLat => "lon is given without lat; give both or neither",
        "有经度 (lon) 而无纬度 (lat); 请两者都填或都不填";
    SchoolPriorityPositive => "must be greater than 0 (1 = normal weight)",
        "须大于 0 (1 = 正常权重)";
    RangePriority => "a multiplier of the shortage weight, 1 = normal",
        "缺编权重的倍数, 1 = 正常";

    // demand.csv
    RangePosts => "posts of one school in one subject",
        "一所学校一个学科的编制数";
    DemandTwice => "this school, subject and term already have a figure on line {line}; keep one",
        "该学校、学科和学期已在第 {line} 行给出编制数; 请只保留一个";
    DemandNotATerm => "is not a term of the planning horizon; expected one of {terms} (see [horizon] in policy.toml)",
        "不是规划期内的学期; 应为以下之一: {terms} (见 policy.toml 的 [horizon])";

    // Ids (input/ids.rs)
    IdControl => "an id may not hold a control character ({code}); retype the id",
        "编号中不能有控制字符 ({code}); 请重新输入编号";
    IdDuplicate => "duplicate {noun} id: it is already used on line {line}; ids must be unique",
        "{noun}编号重复: 第 {line} 行已使用; 编号必须唯一";
    IdUnknown => "no {noun} with id {id} in {file}; check the id or add the {noun}",
        "{file} 中没有编号为 {id} 的{noun}; 请核对编号或补充该{noun}";
    NounSchool => "school",
        "学校";
    NounTeacher => "teacher",
        "教师";

    // teachers.csv
    TeacherDateAfterStart => "lies after the horizon's first day ({first_day}); check the date",
        "晚于规划期第一天 ({first_day}); 请核对日期";
    TeacherTooOld => "is before {earliest}: nobody teaching is that old; check the year",
        "早于 {earliest}: 在职教师不可能这么年长; 请核对年份";
    TeacherHiredYoung => "is before the teacher's {age}th birthday ({birthday}); check hire_date and birth_date",
        "早于该教师 {age} 周岁生日 ({birthday}); 请核对 hire_date 和 birth_date";
    TeacherExchangeBeforeHire => "is before hire_date ({hire}); an exchange ends after the career starts",
        "早于参加工作日期 hire_date ({hire}); 交流应在参加工作之后结束";
    TeacherSinceBeforeHire => "is before hire_date ({hire}); a teacher joins a school after starting to teach",
        "早于参加工作日期 hire_date ({hire}); 教师应在参加工作之后到校";
    TeacherRuralYears => "is longer than the teaching career ({career} years from hire_date {hire} to the horizon's first day {first_day}); it must lie between 0 and that",
        "超过教龄 (从 hire_date {hire} 到规划期第一天 {first_day} 共 {career} 年); 应在 0 与教龄之间";
    TeacherNoSubject => "needs at least one subject; separate several with ';', the primary one first",
        "至少需要一个学科; 多个学科用 ';' 分隔, 主教学科在前";
    TeacherOwnSpouse => "a teacher cannot be their own spouse",
        "教师不能是自己的配偶";
    TeacherNoSpouse => "no spouse",
        "无配偶";
    TeacherSpouse => "spouse {spouse}",
        "配偶 {spouse}";
    TeacherSpouseOneSided => "teacher {spouse} (line {line}) names {they_name}, not {id}; spouse_id must be filled in on both teachers",
        "教师 {spouse} (第 {line} 行) 填的是{they_name}, 不是 {id}; 夫妻双方都须填写 spouse_id";

    // distances.csv, preferences.csv, locks.csv
    RangeKm => "km between two schools of a county",
        "县内两所学校之间的公里数";
    DistanceSameSchool => "from_id and to_id are the same school",
        "from_id 与 to_id 是同一所学校";
    DistanceTwice => "the distance from {from} to this school is already given on line {line}; keep one",
        "从 {from} 到该校的距离已在第 {line} 行给出; 请只保留一个";
    RangeRank => "a rank, 1 = most wanted",
        "志愿顺序, 1 = 第一志愿";
    PreferenceTwice => "this teacher already lists this school on line {line}; keep one",
        "该教师已在第 {line} 行填报此学校; 请只保留一个";
    LockStayWithDetails => "a lock without host_school_id keeps the teacher at home; leave kind, subject and start_term empty or give the host",
        "未填 host_school_id 的锁定表示该教师留在本校; 请清空 kind、subject 和 start_term, 或填写接收学校";
    LockStartTerm => "a {kind} exchange cannot start in this term; it may start in: {starts}",
        "{kind}不能从这个学期开始; 可开始的学期: {starts}";
    LockNoStartTerm => "no term of this horizon",
        "规划期内没有";
    LockHostIsHome => "is the teacher's home school; leave it empty to keep them at home",
        "是该教师的本校; 要让其留在本校请留空";
    LockNotQualified => "the teacher is not qualified in {subject}; their subjects are {theirs}",
        "该教师不能任教 {subject}; 其任教学科为 {theirs}";
    LockTwice => "this teacher already has a lock on line {line}; give one lock per teacher",
        "该教师已在第 {line} 行锁定; 每名教师只能有一条锁定";

    // Files: encoding, workbooks, the roster, the data folder
    FileUnreadable => "cannot read the file: {error}",
        "无法读取文件: {error}";
    FileUtf16 => "the file is saved as UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or plain CSV instead",
        "文件以 UTF-16 保存 (Excel 的 \"Unicode 文本\"); 请另存为 \"CSV UTF-8\" 或普通 CSV";
    FileNeither => "the file is neither UTF-8 nor GBK text; save it as \"CSV UTF-8\"",
        "文件既不是 UTF-8 也不是 GBK 文本; 请另存为 \"CSV UTF-8\"";
    FileNeitherAt => "the file is neither UTF-8 nor GBK text; save it as \"CSV UTF-8\" (the first unreadable byte is on this line)",
        "文件既不是 UTF-8 也不是 GBK 文本; 请另存为 \"CSV UTF-8\" (第一个无法读取的字节在此行)";
    WorkbookUnreadable => "not a readable Excel workbook (.xlsx): {error}",
        "不是可读取的 Excel 工作簿 (.xlsx): {error}";
    WorkbookNoSheet => "the workbook has no worksheet",
        "工作簿中没有工作表";
    WorkbookErrorCell => "the cell holds the Excel error {error}; put a value in it",
        "单元格中是 Excel 错误值 {error}; 请填入数值";
    RosterMissing => "no such roster file; give the roster.csv of an earlier run",
        "没有这个名单文件; 请给出此前运行写出的 roster.csv";
    DataNotAFolder => "not a folder; give the folder that holds schools.csv, teachers.csv and demand.csv",
        "不是文件夹; 请给出存放 schools.csv、teachers.csv 和 demand.csv 的文件夹";

    // in_force.csv and subject warnings
    InForceTwice => "this teacher already has an exchange running into the horizon on line {line}; a teacher is on one exchange at a time",
        "该教师已在第 {line} 行有一项延续到规划期的交流; 每名教师同一时间只能有一项交流";
    InForceStartsInHorizon => "starts on or after the horizon's first day ({first_day}): an exchange of this plan is a decision, not a fact; give it in locks.csv ({start})",
        "开始于规划期第一天 ({first_day}) 或之后: 本期的交流是待定的安排而非既成事实; 请写入 locks.csv ({start})";
    InForceEndBeforeStart => "is before start_date ({start})",
        "早于开始日期 start_date ({start})";
    InForceNotHome => "is not the teacher's school in teachers.csv; an exchange starts from the teacher's own school",
        "不是 teachers.csv 中该教师的学校; 交流须从教师本校派出";
    InForceHostIsHome => "is the teacher's home school",
        "是该教师的本校";
    InForceUnexplainedEnd => "lies after the horizon's first day ({first_day}); only an exchange still running may end later, and in_force.csv has no such row for this teacher",
        "晚于规划期第一天 ({first_day}); 只有仍在进行的交流才能更晚结束, 而 in_force.csv 中没有该教师的这样一行";
    SubjectNotDemanded => "no school demands this subject (teachers {teachers}); {advice}",
        "没有学校需要这个学科 (教师 {teachers}); {advice}";
    SubjectNotTaught => "no teacher teaches this subject ({n} school(s) demand it); {advice}",
        "没有教师任教这个学科 ({n} 所学校需要); {advice}";
    SubjectList => "it looks like a list: separate subjects with ';' ({subjects})",
        "看起来是多个学科: 请用 ';' 分隔 ({subjects})";
    SubjectClosest => "closest known subject: {subject} (a typo?)",
        "最接近的已知学科: {subject} (是否笔误?)";
    SubjectNoneKnown => "no subject is known to compare it with",
        "没有可比较的已知学科";

    // policy.toml
    PolicyNoTerm => "needs at least one term",
        "至少需要一个学期";
    PolicyTermIdEmpty => "term id is empty",
        "学期编号为空";
    PolicyTermTwice => "term id {id} is used twice",
        "学期编号 {id} 重复";
    PolicyStartNotDate => "start {start} is not a plain date",
        "开始日期 {start} 不是单纯的日期";
    PolicyEndNotDate => "end {end} is not a plain date",
        "结束日期 {end} 不是单纯的日期";
    PolicyEndsBeforeStart => "ends ({end}) before it starts ({start})",
        "结束 ({end}) 早于开始 ({start})";
    PolicyTermOverlap => "starts ({start}) before the previous term ends ({previous_end}); terms must be consecutive and in order",
        "开始 ({start}) 早于上一学期结束 ({previous_end}); 各学期须依次相接";
    PolicyFraction => "{value} is not a fraction between 0 and 1",
        "{value} 不是 0 到 1 之间的比例";
    PolicySupportTerms => "{value} must be 1 or 2",
        "{value} 须为 1 或 2";
    RangeCountyKm => "km, within a county",
        "公里, 县域以内";
    RangeRoadFactor => "road km per straight-line km",
        "道路公里数与直线公里数之比";
    RangeSeconds => "seconds, at most a week",
        "秒, 至多一周";
    RangeGap => "a relative gap, 0 = optimal",
        "相对间隙, 0 = 最优";
    RangeWeight => "a weight",
        "权重";
    RangeCareerYears => "years of a career",
        "教龄年数";
    RangeAge => "an age",
        "年龄";
    RangeYears => "years",
        "年数";
    RangeThreads => "threads, 0 = all cores",
        "线程数, 0 = 全部核心";
    PolicyRange => "{value} is out of range; it must lie between {least} and {most} ({meaning})",
        "{value} 超出范围; 应在 {least} 与 {most} 之间 ({meaning})";
    PolicyNotToml => "not valid TOML: {error}",
        "不是有效的 TOML: {error}";
    PolicyUnknownKey => "unknown key; expected one of {known}",
        "未知的键; 应为以下之一: {known}";
    PolicyWholeNumber => "expected a whole number of 0 or more",
        "应为 0 或更大的整数";
    PolicyBoolean => "expected true or false",
        "应为 true 或 false";
    // check (check/rules.rs): violations of the hard rules
    CheckTeacher => "teacher {teacher}: {why}",
        "教师 {teacher}: {why}";
    CheckOneExchange => "teacher {teacher} has {n} exchanges; a teacher takes at most one in the horizon",
        "教师 {teacher} 有 {n} 项交流; 规划期内每人至多一项";
    CheckRoute => "teacher {teacher}: {home} to {host}",
        "教师 {teacher}: {home} 到 {host}";
    CheckNeedsBed => "{route} is {km} km (distance.commute_km {commute_km}), so needs_bed is {needs_bed}, not {said}",
        "{route} 相距 {km} 公里 (distance.commute_km {commute_km}), 所以 needs_bed 应为 {needs_bed}, 而不是 {said}";
    CheckNeedsBedNotBool => "{route}: needs_bed {cell} is not a boolean",
        "{route}: needs_bed {cell} 不是是/否值";
    CheckBeds => "host {host} term {term}: {needed} bed(s) needed by exchanges beyond {commute_km} km{in_force} > {beds} bed(s)",
        "接收学校 {host} 学期 {term}: 超过 {commute_km} 公里的交流需要 {needed} 张床位{in_force} > {beds} 张";
    CheckDepartures => "school {school} term {term}: {away} of its {own} teachers away{in_force} > limit {limit} (limits.max_away_fraction {fraction})",
        "学校 {school} 学期 {term}: {own} 名教师中 {away} 名外出{in_force} > 上限 {limit} (limits.max_away_fraction {fraction})";
    CheckHostCapacity => "host {host} term {term} subject {subject}: staff {staff} after arrivals > demand {demand} ({own} own teacher(s) present + {arrivals} arrival(s){in_force})",
        "接收学校 {host} 学期 {term} 学科 {subject}: 派入后在岗 {staff} 人 > 编制 {demand} (本校在岗 {own} 人 + 派入 {arrivals} 人{in_force})";
    CheckKeepSubject => "school {school} term {term} subject {subject}: no teacher left ({before} before, all away, no arrival takes the post; limits.keep_subject)",
        "学校 {school} 学期 {term} 学科 {subject}: 无人任教 (原有 {before} 人, 全部外出, 也无派入教师顶岗; limits.keep_subject)";
    CheckCoupleTerm => "term {term}: {a} at {school_a}, {b} at {school_b}, {apart} apart",
        "学期 {term}: {a} 在 {school_a}, {b} 在 {school_b}, 相距 {apart}";
    CheckCouple => "spouses {a} and {b} are apart more than {limit} km (couples.max_km {max_km}, homes {at_home} apart): {terms}",
        "夫妻 {a} 与 {b} 相距超过 {limit} 公里 (couples.max_km {max_km}, 两人本校相距 {at_home}): {terms}";
    CheckKm => "{km} km",
        "{km} 公里";
    CheckUnknownDistance => "an unknown distance",
        "未知距离";
    CheckLockedToStay => "teacher {teacher} is locked to stay but has an exchange",
        "教师 {teacher} 被锁定留在本校, 却有交流安排";
    CheckLockHost => "host {host}",
        "接收学校 {host}";
    CheckLockKind => ", kind {kind}",
        ", 交流类型 {kind}";
    CheckLockSubject => ", subject {subject}",
        ", 学科 {subject}";
    CheckLockTerm => ", start_term {term}",
        ", 开始学期 {term}";
    CheckLockNoExchange => "the roster has no exchange for them",
        "名单中没有该教师的交流";
    CheckLockFound => "{kind} {subject} at {host} from {term}",
        "{term} 起在 {host} {kind} ({subject})";
    CheckLockHas => "the roster has {found}",
        "名单中为 {found}";
    CheckAnd => " and ",
        " 以及 ";
    CheckLocked => "teacher {teacher} is locked to {locked}, but {found}",
        "教师 {teacher} 锁定为 {locked}, 但{found}";
    CheckMentors => "host {host} term {term} subject {subject}: {shadows} shadowing teacher(s){in_force} > {available} backbone mentor(s) at home there",
        "接收学校 {host} 学期 {term} 学科 {subject}: 跟岗教师 {shadows} 人{in_force} > 在校骨干导师 {available} 人";
    CheckInForcePart => " ({n} on exchanges in force)",
        " (其中 {n} 人为在期交流)";
    CheckRow => ", row {row}",
        ", 第 {row} 行";
    CheckRows => ", rows {rows}",
        ", 第 {rows} 行";

    // check: invalid rows, exchanges in force, informational columns
    CheckInvalidRow => "not a valid exchange: {problems}",
        "不是有效的交流: {problems}";
    CheckUnknownId => "unknown {column} {value}",
        "未知的 {column} {value}";
    CheckSubjectEmpty => "subject is empty",
        "学科为空";
    CheckNotHome => "home_school_id {home} is not teacher {teacher}'s school {school}",
        "home_school_id {home} 不是教师 {teacher} 的学校 {school}";
    CheckEndBeforeStart => "end_term {end} comes before start_term {start}",
        "结束学期 end_term {end} 早于开始学期 start_term {start}";
    CheckInForceBroken => "{rule} broken by exchanges in force alone, not by the roster: {what}",
        "仅在期交流本身即违反{rule}, 与名单无关: {what}";
    InForceBeds => "host {host} term {term}: {used} bed(s) in use > {beds}",
        "接收学校 {host} 学期 {term}: 占用床位 {used} 张 > {beds} 张";
    InForceAway => "school {school} term {term}: {away} away > limit {limit}",
        "学校 {school} 学期 {term}: 外出 {away} 人 > 上限 {limit}";
    InForceNoTeacherLeft => "school {school} term {term} subject {subject}: no teacher left",
        "学校 {school} 学期 {term} 学科 {subject}: 无人任教";
    InForceStaff => "host {host} term {term} subject {subject}: staff {staff} > demand {demand}",
        "接收学校 {host} 学期 {term} 学科 {subject}: 在岗 {staff} 人 > 编制 {demand}";
    InForceMentors => "host {host} term {term} subject {subject}: {shadows} shadowing teacher(s) > {mentors} mentor(s)",
        "接收学校 {host} 学期 {term} 学科 {subject}: 跟岗教师 {shadows} 人 > 导师 {mentors} 人";
    InForceTerm => "term {term}: {what}",
        "学期 {term}: {what}";
    InForceCouple => "spouses {a} and {b} are {apart} km apart > {limit} km",
        "夫妻 {a} 与 {b} 相距 {apart} 公里 > {limit} 公里";
    CheckColumnWarning => "row {row}: {column} {value} {message}",
        "第 {row} 行: {column} {value} {message}";
    CheckNotName => "is not teacher {teacher}'s name {name}",
        "不是教师 {teacher} 的姓名 {name}";
    CheckDiffers => "differs from {expected}",
        "与 {expected} 不符";
    CheckNotDate => "is not a date",
        "不是日期";
    CheckNotNumber => "is not a number",
        "不是数字";

    // Single-exchange rules (domain/refusal.rs, domain/eligibility.rs): why an exchange is refused
    ExemptDeclared => "exempt ({reason})",
        "暂缓交流 ({reason})";
    ExemptNearRetirement => "near retirement (age {age}, retires at {retirement_age})",
        "临近退休 ({age} 岁, {retirement_age} 岁退休)";
    ExemptCooldown => "cooling down (last exchange ended {end})",
        "交流间隔期内 (上次交流结束于 {end})";
    ExemptInForce => "on an exchange in force until {end} (in_force.csv)",
        "在期交流至 {end} (in_force.csv)";
    EligibleRotationYears => "{years} years at the school, rotation needs {needed}",
        "在校 {years} 年, 交流轮岗需 {needed} 年";
    EligibleSupportYears => "{years} years of teaching, support needs {needed}",
        "教龄 {years} 年, 支教需 {needed} 年";
    EligibleShadowYears => "{years} years of teaching, shadowing is for at most {most}",
        "教龄 {years} 年, 跟岗学习限教龄至多 {most} 年";
    EligibleCounty => "host {host} is in county {host_county}, home {home} in county {home_county}",
        "接收学校 {host} 在 {host_county}, 派出学校 {home} 在 {home_county}";
    EligibleHostIsHome => "host is the home school",
        "接收学校即本校";
    EligibleSupportFrom => "support goes from an urban or town school that is not weak",
        "支教须从非薄弱的城区或镇区学校派出";
    EligibleSupportTo => "support goes to a rural or weak school",
        "支教须去乡村或薄弱学校";
    EligibleShadowFrom => "shadowing is for teachers of rural or weak schools",
        "跟岗学习面向乡村或薄弱学校的教师";
    EligibleShadowTo => "shadowing goes to an urban school or a group lead school",
        "跟岗学习须去城区学校或集团龙头校";
    RefuseSubject => "{teacher} is qualified only in {qualified}, not {subject}",
        "{teacher} 只能任教 {qualified}, 不能任教 {subject}";
    RefuseDirection => "{kind} from {home} to {host}: {why}",
        "{kind} 从 {home} 到 {host}: {why}";
    SpanWholeHorizon => "the whole horizon",
        "整个规划期";
    SpanWholeHorizonFromTo => "the whole horizon ({first}..{last})",
        "整个规划期 ({first}..{last})";
    SpanSupport => "{n} consecutive term(s) (support.terms)",
        "连续 {n} 个学期 (support.terms)";
    SpanShadow => "exactly one term",
        "恰好一个学期";
    RefuseSpan => "covers {start}..{end}, but {kind} must cover {must}",
        "覆盖 {start}..{end}, 但{kind}须覆盖{must}";
    RefuseExempt => "{teacher} may take no exchange: {why} (at {first_day})",
        "{teacher} 不能参加交流: {why} (截至 {first_day})";
    RefuseNoDistance => "no coordinates or distances.csv row for {home} to {host}",
        "{home} 到 {host} 既无经纬度也无 distances.csv 记录";
    RefuseTooFar => "{home} to {host} is {km} km > distance.max_km {max_km} km",
        "{home} 到 {host} 相距 {km} 公里 > distance.max_km {max_km} 公里";
    RefuseNoBeds => "{km} km is beyond commuting distance ({commute_km} km) and {host} has no dormitory beds",
        "{km} 公里超出通勤距离 ({commute_km} 公里), 而 {host} 没有周转宿舍";
    RefuseNoneAway => "{home} may have none of its {own} teachers away (limits.max_away_fraction {fraction})",
        "{home} 的 {own} 名教师都不能外出 (limits.max_away_fraction {fraction})";
    RefuseForbidden => "{teacher} may not go to {host} (forbidden.csv)",
        "{teacher} 不能去 {host} (forbidden.csv)";
    RefuseLockedToStay => "{teacher} is locked to stay (locks.csv)",
        "{teacher} 被锁定留在本校 (locks.csv)";

    // Command line (cli/commands.rs, cli/paths.rs, plan.rs)
    PathIsAFile => "{flag} {path}: is a file, not a folder; give a folder for the outputs (it is created if missing)",
        "{flag} {path}: 是文件而不是文件夹; 请给出输出文件夹 (不存在时会新建)";
    PathHoldsFolder => "{flag} {path}: {name} in it is a folder; move it away or give another folder",
        "{flag} {path}: 其中的 {name} 是文件夹; 请移走它或换一个文件夹";
    PathCannotCreate => "{flag} {path}: cannot be created, {file} is a file; give another folder",
        "{flag} {path}: 无法创建, {file} 是文件; 请换一个文件夹";
    PathIsAFolder => "{flag} {path}: is a folder; give a file name, for example {example}",
        "{flag} {path}: 是文件夹; 请给出文件名, 例如 {example}";
    PathNoFolder => "{flag} {path}: folder {folder} does not exist; create it first",
        "{flag} {path}: 文件夹 {folder} 不存在; 请先创建";
    PathRosterIsFolder => "{flag} {path}: is a folder; give a roster file",
        "{flag} {path}: 是文件夹; 请给出名单文件";
    PathNoRoster => "{flag} {path}: no such file; give the roster.csv of an earlier run",
        "{flag} {path}: 没有这个文件; 请给出此前运行写出的 roster.csv";
    PreviousRoster => "previous roster: {problem}",
        "上一份名单: {problem}";
    PreviousSecondExchange => "previous roster: line {line}: teacher {teacher} has a second exchange",
        "上一份名单: 第 {line} 行: 教师 {teacher} 有第二项交流";
    CliFixCommandLine => "Nothing was written. Fix the command line and run again.",
        "未写入任何文件。请修正命令行后重新运行。";
    CliThreadsCapped => "warning: {threads} threads asked, but this machine has {cores} cores; using {cores}",
        "警告: 要求 {threads} 个线程, 但本机只有 {cores} 个核心; 使用 {cores} 个";
    CliOutputFolder => "error: cannot use the output folder: {error}",
        "错误: 无法使用输出文件夹: {error}";
    CliNothingWrittenShort => "Nothing was written.",
        "未写入任何文件。";
    CliError => "error: {error}",
        "错误: {error}";
    CliWriteFailed => "error: could not write the outputs: {error}",
        "错误: 无法写出结果文件: {error}";
    CliOutputsUntouched => "The previous outputs are untouched.",
        "原有输出文件保持不变。";
    CliNothingSolved => "Nothing was solved or written.",
        "未求解, 也未写入任何文件。";
    CliNote => "note: {note}",
        "注意: {note}";
    CliMerged => "Merged {shards} shard(s): {counties} counties, {exchanges} exchanges; wrote {files} to {out}",
        "已合并 {shards} 个分片: {counties} 个区县, {exchanges} 人交流; 已写出 {files} 到 {out}";
    ChangeReasons => "  (reasons: {reasons})",
        "  (原因: {reasons})";
    ChangeAdded => "added   {id}  {after}{why}",
        "新增  {id}  {after}{why}";
    ChangeRemoved => "removed {id}  {before}  (why: {why})",
        "取消  {id}  {before}  (原因: {why})";
    ChangeMoved => "moved   {id}  {before} -> {after}{why}",
        "调整  {id}  {before} -> {after}{why}";
    CliScenarioProblems => "{n} problem(s) in the scenarios",
        "方案中共有 {n} 个问题";
    CliNothingSolvedFix => "Nothing was solved or written. Fix the problems above and run again.",
        "未求解, 也未写入任何文件。请修正以上问题后重新运行。";
    CliFixPrevious => "Nothing was written. Fix the previous roster or leave out --previous.",
        "未写入任何文件。请修正上一份名单, 或去掉 --previous。";
    CliNoTeacher => "error: no teacher with id {ids} in teachers.csv",
        "错误: teachers.csv 中没有编号为 {ids} 的教师";
    CliTeacherFlag => "--teacher: no teacher with id {id} in teachers.csv",
        "--teacher: teachers.csv 中没有编号为 {id} 的教师";
    CliPostOrTeacher => "give --post or --teacher",
        "请给出 --post 或 --teacher";
    CliPostForm => "--post {post}: expected SCHOOL,SUBJECT[,TERM]",
        "--post {post}: 应为 学校代码,学科[,学期]";
    CliPostSchool => "--post: no school with id {school} in schools.csv",
        "--post: schools.csv 中没有编号为 {school} 的学校";
    CliPostTerm => "--post: term {id} is not in the horizon ({terms})",
        "--post: 学期 {id} 不在规划期内 ({terms})";
    CliWroteDataSet => "Wrote the data set to {out}",
        "已将数据集写入 {out}";
    CliGenerateFailed => "error: could not generate into {out}: {error}",
        "错误: 无法生成到 {out}: {error}";
    CheckScoreHeading => "score, tier by tier:",
        "逐层得分:";
    CheckAgainstHeading => "against {path}, tier by tier:",
        "与 {path} 逐层比较:";
    CliWhatifWrote => "Wrote one folder per scenario and {table} to {out}",
        "已为每个方案写出一个文件夹, 并写出 {table} 到 {out}";
    CliWhatifTimes => "{plans} plans, {concurrent} at a time with {threads} solver thread(s) each: {wall} s wall, {solving} s of solving in all ({planning} s of planning)",
        "{plans} 个方案, 每次并行 {concurrent} 个, 各用 {threads} 个求解线程: 实际用时 {wall} 秒, 求解共 {solving} 秒 (规划 {planning} 秒)";

    // Infeasibility (solve/explain.rs)
    FamilyDefinition => "definition",
        "变量定义";
    InfeasibleUnnamed => "the hard rules cannot all hold (no single rule family could be named)",
        "硬性规则无法同时满足 (未能确定是哪一类规则)";
    InfeasibleFamily => "{rule} cannot hold: relaxing {rows} would make a roster possible",
        "{rule}无法满足: 放宽以下约束即可得到名单: {rows}";
    InfeasibleNoTime => "the hard rules cannot all hold; the time limit left no time to name the conflicting rules (a longer --time-limit would)",
        "硬性规则无法同时满足; 时间限制内来不及找出相互冲突的规则 (加大 --time-limit 即可)";
    InfeasibleSearchEnded => "the hard rules cannot all hold, and the search for the conflicting rules ended with {status}",
        "硬性规则无法同时满足, 查找冲突规则的求解以 {status} 结束";
    InfeasibleBy => "{row} by {amount}",
        "{row} 放宽 {amount}";

    // Why a teacher left the roster (report/removal.rs)
    RemovalReoptimized => "re-optimized",
        "重新优化";
    RemovalNoLongerShort => "{host} is no longer short in {subject} in {term} (demand.csv; {rule})",
        "{host} 的 {subject} 在 {term} 已不缺编 (demand.csv; {rule})";
    RemovalBetter => "re-optimized: another roster serves the posts and targets better",
        "重新优化: 另一份名单更能满足岗位和目标";

    // report.html (output/html): the page's fixed text
    HtmlTitle => "Teacher exchange plan",
        "教师交流轮岗方案";
    HtmlHeadline => "Key figures",
        "主要数字";
    HtmlStatus => "Status",
        "求解状态";
    HtmlExchanges => "Exchanges",
        "交流人数";
    HtmlShortage => "Shortage (post-terms)",
        "缺编（岗位·学期）";
    HtmlShortageUnit => "post-terms",
        "岗位·学期";
    HtmlFilled => "Shortage filled",
        "填补缺编";
    HtmlCreated => "Shortage created at sending schools",
        "派出学校新增缺编";
    HtmlRuralShortage => "Rural and weak schools' shortage",
        "农村及薄弱学校缺编";
    HtmlSchoolsTeachers => "Schools / teachers / eligible for rotation",
        "学校 / 教师 / 符合轮岗条件";
    HtmlChanges => "Against the previous roster",
        "与上一方案相比";
    HtmlMap => "Who goes where",
        "交流去向图";
    HtmlMapMissing => "{schools} school(s) have no coordinates and are not on the map; {exchanges} exchange(s) involving them are not drawn",
        "{schools} 所学校缺少经纬度，未在图中标出；涉及这些学校的 {exchanges} 条交流未画出";
    HtmlLegendSchool => "School",
        "学校";
    AreaUrban => "urban",
        "城区";
    AreaTown => "town",
        "镇区";
    AreaRural => "rural",
        "乡村";
    HtmlWeak => "weak school",
        "薄弱学校";
    HtmlShortageBySchool => "Shortage by school, before and after",
        "各校缺编（交流前后）";
    HtmlBefore => "before",
        "交流前";
    HtmlAfter => "after",
        "交流后";
    HtmlTargets => "Policy targets",
        "政策目标";
    HtmlCounty => "County",
        "区县";
    HtmlEligible => "Eligible for rotation",
        "符合轮岗条件";
    HtmlQuota => "Exchanges (achieved/required)",
        "交流人数（完成/要求）";
    HtmlBackbone => "Backbone teachers (achieved/required)",
        "骨干教师（完成/要求）";
    HtmlMet => "met",
        "达标";
    HtmlMissed => "missed",
        "未达标";
    HtmlWarnings => "Warnings",
        "提示";
    HtmlRoster => "Roster",
        "交流名单";
    HtmlColNumber => "#",
        "序号";
    HtmlColName => "Name",
        "姓名";
    HtmlColTeacherId => "Teacher id",
        "工号";
    HtmlColKind => "Kind",
        "交流类型";
    HtmlColSubject => "Subject",
        "学科";
    HtmlColHome => "Home school",
        "派出学校";
    HtmlColHost => "Host school",
        "接收学校";
    HtmlColTerms => "Terms",
        "起止学期";
    HtmlColDistance => "Distance (km)",
        "距离（公里）";
    HtmlColNeedsBed => "Needs a bed",
        "需要宿舍";
    HtmlColReasons => "Reasons",
        "原因";
    HtmlYes => "yes",
        "是";
    HtmlNo => "no",
        "否";

    // Progress on a terminal (solve/progress.rs, cli/progress.rs)
    PhaseBuilding => "building the model",
        "建立模型";
    PhaseLp => "solving the LP relaxation",
        "求解线性松弛";
    PhaseNeighbourhood => "searching the LP roster's neighbourhood",
        "在线性松弛解附近搜索";
    PhaseFullMip => "searching the full model",
        "搜索完整模型";
    PhaseExplaining => "naming the conflicting rules",
        "查找相互冲突的规则";
    ProgressUnits => "units solved",
        "已求解单元";

    // whatif scenarios (whatif/scenario.rs)
    ScenarioAt => "scenario {scenario}:",
        "方案 {scenario}:";
    ScenarioKey => " key {key}:",
        " 键 {key}:";
    ScenarioKeyValue => " key {key}, value {value}:",
        " 键 {key}, 值 {value}:";
    ScenarioForm => "expected NAME:KEY=VALUE[,KEY=VALUE...]",
        "应为 名称:键=值[,键=值...]";
    ScenarioKeyForm => "expected KEY=VALUE",
        "应为 键=值";
    ScenarioKeyTwice => "given twice",
        "重复给出";
    ScenarioNoKeys => "no KEY=VALUE given; expected NAME:KEY=VALUE[,KEY=VALUE...]",
        "未给出 键=值; 应为 名称:键=值[,键=值...]";
    ScenarioFileName => "{message} (the name is the stem of {path})",
        "{message} (名称取自 {path} 的文件名)";
    ScenarioNotATable => "{prefix} is a single value, not a table of keys",
        "{prefix} 是单个值, 不是键表";
    ScenarioNameEmpty => "the name is empty; write NAME:KEY=VALUE",
        "名称为空; 请写成 名称:键=值";
    ScenarioNameLong => "the name is longer than {n} characters",
        "名称超过 {n} 个字符";
    ScenarioNameChars => "the name may hold only letters, digits, _ and - (it names a folder)",
        "名称只能包含字母、数字、_ 和 - (它用作文件夹名)";
    ScenarioNameBase => "the name base is kept for the unmodified policy",
        "名称 base 留给未修改的政策";
    ScenarioNameReserved => "the name is a reserved device name on Windows",
        "该名称是 Windows 的保留设备名";
    ScenarioNameTaken => "the name is used by another scenario",
        "该名称已被另一方案使用";
    ScenarioNotAKey => "not a policy key; write dotted names such as quota.min_fraction",
        "不是政策键; 请写成 quota.min_fraction 这样以点分隔的名称";
    WhatifWriteFailed => "could not write {path}: {error}",
        "无法写出 {path}: {error}";

    // Batches: --county and merge (batch/)
    TieCounty => "county {county} is solved with county {with}: {because}",
        "区县 {county} 与区县 {with} 一并求解: {because}";
    SelectUnknownCounty => "--county {county}: no school of schools.csv is in that county; the counties are {counties}",
        "--county {county}: schools.csv 中没有该区县的学校; 区县有 {counties}";
    TieCouple => "teachers {a} and {b} are a couple (rule 8)",
        "教师 {a} 与 {b} 是夫妻 (规则 8)";
    TieLock => "the lock of teacher {teacher} names school {school}",
        "教师 {teacher} 的锁定指向学校 {school}";
    TiePreference => "a preference of teacher {teacher} names school {school}",
        "教师 {teacher} 的志愿指向学校 {school}";
    MergeOverlap => "county {county} is in both {first} and {second}: each county belongs to one shard (counties tied by a couple are solved together; give them to one shard)",
        "区县 {county} 同时出现在 {first} 和 {second}: 每个区县只属于一个分片 (因夫妻关联的区县一并求解; 请放在同一分片)";
    MergeNoShard => "no shard to merge",
        "没有可合并的分片";
    MergeHorizon => "{dir}: horizon {horizon} differs from {first} of {first_dir}",
        "{dir}: 规划期 {horizon} 与 {first_dir} 的 {first} 不同";
    MergeLanguage => "{dir}: [output] language differs from that of {first_dir}",
        "{dir}: [output] language 与 {first_dir} 的不同";
    MergeUnknownSchool => "roster row of teacher {teacher}: home school {school} is on no shard's report.html",
        "教师 {teacher} 的名单行: 派出学校 {school} 不在任何分片的 report.html 中";

    // check: the score tier by tier (check/score.rs)
    TierShortage => "weighted shortage",
        "加权缺编";
    TierTargets => "target shortfalls",
        "目标缺口";
    TierSeniority => "seniority inversions",
        "资历倒挂";
    TierPromotion => "promotion needs unserved",
        "未满足的职称晋升需求";
    TierPreferences => "volunteers and preferences",
        "自愿报名与志愿";
    TierDistance => "distance (km)",
        "距离 (公里)";
    ScoreTier => "tier {tier} {name} {value}",
        "第 {tier} 层 {name} {value}";
    ScoreShortageDetail => "  ({short} post-terms short, {rural} at rural or weak schools)",
        "  (缺编 {short} 岗位学期, 其中乡村或薄弱学校 {rural})";
    ScoreTargetsDetail => "  (quota {quota}, backbone share {backbone})",
        "  (交流比例 {quota}, 骨干比例 {backbone})";
    ScorePreferencesDetail => "  ({volunteers} volunteers left home, {points} preference points unmet)",
        "  (自愿报名未成行 {volunteers} 人, 未满足志愿分 {points})";
    ScoreMore => "{amount} more {what}",
        "多 {amount} {what}";
    ScoreFewer => "{amount} fewer {what}",
        "少 {amount} {what}";
    WhatRuralShort => "rural or weak post-terms short",
        "个乡村或薄弱学校缺编岗位学期";
    WhatOtherShort => "post-terms short at other schools",
        "个其他学校缺编岗位学期";
    WhatWeightedShort => "weighted post-terms short",
        "加权缺编岗位学期";
    WhatQuotaMissing => "exchanges missing from the quota",
        "人交流比例缺口";
    WhatBackboneMissing => "backbone exchanges missing from the share",
        "人骨干比例缺口";
    WhatInversions => "seniority inversions",
        "处资历倒挂";
    WhatPromotion => "promotion needs unserved",
        "项未满足的职称晋升需求";
    WhatVolunteers => "volunteers left home",
        "名未成行的自愿报名者";
    WhatPreferences => "preference points unmet",
        "未满足志愿分";
    ScoreKmMore => "{km} km more travelled",
        "多走 {km} 公里";
    ScoreKmLess => "{km} km less travelled",
        "少走 {km} 公里";
    ScoreNoDifference => "no difference in any tier",
        "各层均无差别";

    // check --against, advise cost lines
    CheckAgainst => "{roster} against {other}: {words}",
        "{roster} 与 {other} 相比: {words}";
    AdviseCostLine => "tier {tier} {name}: {words}",
        "第 {tier} 层 {name}: {words}";

    // explain and suggest (advise/)
    AdviseAdds => "adds {teacher}: {after}",
        "增加 {teacher}: {after}";
    AdviseDrops => "drops {teacher}: {before}",
        "去掉 {teacher}: {before}";
    AdviseMoves => "moves {teacher}: {before} -> {after}",
        "调整 {teacher}: {before} -> {after}";
    AdviseNoBaseline => "county {county}: no optimal roster to compare against ({status}): {conflicts}",
        "区县 {county}: 没有可比较的最优名单 ({status}): {conflicts}";
    AdviseNoSpan => "the horizon has no span of terms a {kind} exchange may cover",
        "规划期内没有{kind}可覆盖的学期段";
    AdviseInRoster => "{teacher} is in the roster: {exchange}",
        "{teacher} 在名单中: {exchange}";
    AdviseWhy => "why:",
        "原因:";
    AdviseWithout => "without them (the best roster with them kept home):",
        "不派该教师时 (该教师留在本校的最优名单):";
    AdviseNotInRoster => "{teacher} is not in the roster",
        "{teacher} 不在名单中";
    AdvisePossible => "  {kind}: possible",
        "  {kind}: 可行";
    AdviseAtSchools => " at {n} school(s)",
        " (涉及 {n} 所学校)";
    AdviseBlocked => "  {kind}: blocked by {rule}{at}, e.g. {example}",
        "  {kind}: 受{rule}限制{at}, 例如 {example}";
    AdviseNothingOpen => "no exchange of any kind is open to them",
        "该教师没有任何可行的交流";
    AdviseBest => "best placement: {exchange}",
        "最佳安排: {exchange}";
    AdviseNoRosterSends => "no roster can send them under every rule:",
        "在全部规则下没有名单能派出该教师:";
    AdviseDisplaces => "  displaces {teachers}",
        "  替换 {teachers}";
    AdviseCost => "  cost: {words}",
        "  代价: {words}";
    AdviseObjective => "    objective {difference}",
        "    目标值 {difference}";
    AdviseAgainstBetter => "  against a roster {by} better than the baseline, found while answering ({rows} teachers' exchanges differ from it; both are within the requested gap)",
        "  对比的是解答时找到的更优名单: 目标值比基准低 {by} (与基准有 {rows} 名教师的交流不同; 两者都在要求的间隙内)";
    SuggestHeading => "{possible} way(s) under the single-exchange rules; {solved} re-optimized; the best {best}:",
        "按单项交流规则共有 {possible} 种安排; 重新优化了 {solved} 种; 最好的 {best} 种:";
    SuggestOwn => "  (the optimum's own)",
        "  (即最优名单本身的安排)";

    // Why a unit has no roster (report/mod.rs)
    UnitLine => "county {counties}: {line}",
        "区县 {counties}: {line}";
    UnitInfeasible => "the hard rules cannot all hold",
        "硬性规则无法同时满足";
    UnitNoSolution => "time limit reached before any feasible roster",
        "在找到可行名单之前已达时间限制";
    UnitSolverError => "solver error: {error}",
        "求解器错误: {error}";
    UnitNoRoster => "no roster",
        "没有名单";

    // Reason codes in words (report/reasons.rs)
    ReasonLocked => "the exchange is fixed in locks.csv",
        "该交流已在 locks.csv 中锁定";
    ReasonKept => "kept from the previous roster (started before --as-of)",
        "沿用上一份名单 (在 --as-of 之前已开始)";
    ReasonOverdue => "{years} years at the current school, at or past the rotation threshold",
        "在现学校 {years} 年, 已达或超过轮岗年限";
    ReasonBackbone => "holds a backbone title (counts towards the backbone share)",
        "骨干教师 (计入骨干比例)";
    ReasonPromotion => "first-grade teacher who needs a year of rural service for promotion, on a year-long rural or weak posting",
        "一级教师晋升需一年农村任教经历, 安排到乡村或薄弱学校满一年";
    ReasonVolunteer => "volunteered (自愿报名)",
        "自愿报名";
    ReasonPref => "the host is their preference number {rank}",
        "接收学校是其第 {rank} 志愿";
    ReasonSurplus => "the home school has more teachers of the subject than posts, so nobody is missed at home",
        "本校该学科教师多于编制, 派出后本校不缺人";
    ReasonEarlyCareer => "{years} years of teaching, shadowing a mentor",
        "教龄 {years} 年, 跟随导师学习";
    ReasonFillsShortage => "the best teacher to fill the host's shortage",
        "最适合填补接收学校缺编的教师";
    ReasonRefill => "takes the post teacher {teacher} frees",
        "接替教师 {teacher} 空出的岗位";
    ReasonMentor => "mentored by teacher {teacher}",
        "由教师 {teacher} 带教";
    ReasonAlliance => "an exchange within the teacher's school group",
        "教育集团内的交流";

    // Writing the outputs (output/set.rs, output/atomic.rs)
    IoReplace => "cannot replace",
        "无法替换";
    IoCreateFolder => "cannot create the folder",
        "无法创建文件夹";
    IoTempFile => "cannot create a temporary file in",
        "无法在其中创建临时文件:";
    IoWrite => "cannot write",
        "无法写入";
    IoOpenLock => "cannot open the lock file",
        "无法打开锁文件";
    IoLock => "cannot lock",
        "无法加锁";
    IoRead => "cannot read",
        "无法读取";
    IoCreateFolderIn => "cannot create a folder in",
        "无法在其中创建文件夹:";
    IoCreate => "cannot create",
        "无法创建";
    IoLink => "cannot create the link",
        "无法创建链接";
    LockWaiting => "another rotaplan run (process {process}) is writing to {dir}; waiting for it to finish (stop it, or give another --out, not to wait)",
        "另一个 rotaplan 进程 ({process}) 正在写入 {dir}; 等待其结束 (不想等待可停止该进程, 或换一个 --out)";
    OutputIsFolder => "{path} is a folder; move it away or choose another output folder",
        "{path} 是文件夹; 请移走它或另选输出文件夹";

    // whatif: the printed table (whatif/table.rs)
    WhatifShortageAfter => "shortage after",
        "交流后缺编";
    WhatifRuralShortageAfter => "rural shortage after",
        "交流后乡村缺编";
    WhatifQuotaMet => "quota met",
        "交流比例达标";
    WhatifAvgDistance => "avg distance km",
        "平均距离 (公里)";
    WhatifBedsUsed => "beds used",
        "占用床位";
    WhatifChanges => "changes vs base",
        "与基准相比变动";
    WhatifSolveSeconds => "solve seconds",
        "求解秒数";

    // Locks no exchange can honour (model/candidates.rs), whatif
    LockToStay => "locked to stay",
        "锁定留在本校";
    LockOf => "lock of teacher {teacher} to host {host}",
        "教师 {teacher} 锁定到接收学校 {host}";
    LockBreaks => "{lock} breaks {refused}",
        "{lock} 违反{refused}";
    LockNoStartTerm2 => "{kind} {subject}: {rule}: no such start term",
        "{kind} {subject}: {rule}: 没有这样的开始学期";
    LockCannotHold => "{lock} cannot hold: {reasons}",
        "{lock} 无法满足: {reasons}";
    ScenarioHorizon => "with this scenario's horizon: {problem}",
        "按该方案的规划期: {problem}";

    // Secondment (rule 12), merged from main
    CheckSecondmentPlaces => "host {host} term {term}: {secondees} seconded cadre(s){in_force} > {places} place(s) (secondment.max_per_host)",
        "接收学校 {host} 学期 {term}: 挂职干部 {secondees} 人{in_force} > 名额 {places} 个 (secondment.max_per_host)";
    InForceSecondees => "host {host} term {term}: {secondees} seconded cadre(s) > {places} place(s)",
        "接收学校 {host} 学期 {term}: 挂职干部 {secondees} 人 > 名额 {places} 个";
    EligibleSecondment => "secondment goes from an urban or town school that is not weak to a rural or weak school, or from a rural or weak school to an urban school or a group lead school",
        "挂职须从非薄弱的城区或镇区学校到乡村或薄弱学校, 或从乡村或薄弱学校到城区学校或集团龙头校";
    RefuseNoSecondmentPlace => "{school} has no secondment place free in every term of {span} (secondment.max_per_host {places}, less the exchanges in force)",
        "{school} 在 {span} 的每个学期都没有空余的挂职名额 (secondment.max_per_host {places}, 已扣除在期交流)";
    RefuseNoMentor => "{school} has no backbone teacher of {subject} to mentor a shadow",
        "{school} 没有 {subject} 骨干教师可带教跟岗教师";
    RefuseNoPost => "{school} has no {subject} post short or freed in every term of {span}",
        "{school} 在 {span} 的每个学期都没有缺编或空出的 {subject} 岗位";

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
            // Chinese text is Chinese; English text has no Chinese words of
            // its own: what Chinese it has are spellings it quotes (`2027年9月1日`,
            // `交流轮岗`), which the Chinese text quotes too.
            let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
            assert!(zh.chars().any(is_cjk), "{msg:?} has no Chinese text: {zh}");
            for quoted in en.split(|c: char| !is_cjk(c)).filter(|w| !w.is_empty()) {
                assert!(
                    zh.contains(quoted),
                    "{msg:?} English text has Chinese: {en}"
                );
            }
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

    /// Splits `text` at `separator` outside brackets and strings, up to the
    /// `)` that closes the call `text` starts inside (or its end).
    fn top_level(text: &str, separator: char) -> Vec<&str> {
        let (mut depth, mut in_string, mut escaped, mut start) = (0usize, false, false, 0);
        let mut parts = Vec::new();
        for (i, c) in text.char_indices() {
            match (in_string, c) {
                (true, _) if escaped => escaped = false,
                (true, '\\') => escaped = true,
                (true, '"') | (false, '"') => in_string = !in_string,
                (false, '(' | '[' | '{') => depth += 1,
                (false, ')') if depth == 0 => {
                    parts.push(&text[start..i]);
                    return parts;
                }
                (false, ')' | ']' | '}') => depth -= 1,
                (false, c) if c == separator && depth == 0 => {
                    parts.push(&text[start..i]);
                    start = i + c.len_utf8();
                }
                _ => {}
            }
        }
        parts.push(&text[start..]);
        parts
    }

    /// Every `tr!(Key, name = value, …)` in the sources names exactly the
    /// placeholders of `Key`: a release build would otherwise print a
    /// `{name}` where a value belongs.
    #[test]
    fn every_tr_call_fills_exactly_its_placeholders() {
        let by_name: std::collections::HashMap<String, Msg> =
            Msg::ALL.iter().map(|&m| (format!("{m:?}"), m)).collect();
        let mut files = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
        let mut calls = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source: String = std::fs::read_to_string(&path)
                .unwrap()
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for (at, _) in source.match_indices("tr!(") {
                let call = top_level(&source[at + 4..], ';').pop().unwrap_or_default();
                let mut parts = top_level(call, ',').into_iter().map(str::trim);
                let key = parts.next().unwrap_or_default();
                if !key.chars().all(|c| c.is_ascii_alphanumeric()) {
                    continue; // the macro itself, this test's own text
                }
                let msg = by_name
                    .get(key)
                    .unwrap_or_else(|| panic!("{}: tr!({key}…): no such key", path.display()));
                let mut given: Vec<&str> = parts
                    .filter(|p| !p.is_empty())
                    .map(|p| p.split('=').next().unwrap_or_default().trim())
                    .collect();
                given.sort_unstable();
                let mut wanted = placeholders(msg.text(Language::En));
                wanted.dedup();
                assert_eq!(given, wanted, "{}: tr!({key}…)", path.display());
                calls += 1;
            }
        }
        assert!(calls > 300, "only {calls} tr! calls found");
    }
}
