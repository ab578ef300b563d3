//! Every piece of fixed text on `report.html`, in Chinese and English
//! (`[output] language`). One struct, so that a label added for one
//! language cannot be forgotten in the other (the compiler asks for both).

use crate::domain::policy::Language;
use crate::domain::Kind;

pub(crate) struct Labels {
    pub lang: &'static str,
    pub title: &'static str,
    pub headline: &'static str,
    pub status: &'static str,
    pub exchanges: &'static str,
    pub shortage: &'static str,
    pub shortage_unit: &'static str,
    pub filled: &'static str,
    pub created: &'static str,
    pub rural_shortage: &'static str,
    pub schools_teachers: &'static str,
    pub changes: &'static str,
    pub changes_detail: &'static str,
    pub map: &'static str,
    pub map_missing: &'static str,
    pub legend_school: &'static str,
    pub areas: [&'static str; 3],
    pub weak: &'static str,
    pub shortage_by_school: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub targets: &'static str,
    pub county: &'static str,
    pub eligible: &'static str,
    pub quota: &'static str,
    pub backbone: &'static str,
    pub met: &'static str,
    pub missed: &'static str,
    pub warnings: &'static str,
    pub none: &'static str,
    pub roster: &'static str,
    pub roster_columns: [&'static str; 11],
    pub yes: &'static str,
    pub no: &'static str,
    pub statuses: [&'static str; 5],
}

pub(crate) const ZH: Labels = Labels {
    lang: "zh-CN",
    title: "教师交流轮岗方案",
    headline: "主要数字",
    status: "求解状态",
    exchanges: "交流人数",
    shortage: "缺编（岗位·学期）",
    shortage_unit: "岗位·学期",
    filled: "填补缺编",
    created: "派出学校新增缺编",
    rural_shortage: "农村及薄弱学校缺编",
    schools_teachers: "学校 / 教师 / 符合轮岗条件",
    changes: "与上一方案相比",
    changes_detail: "新增 {added}，取消 {removed}，调整 {moved}，不变 {unchanged}",
    map: "交流去向图",
    map_missing:
        "{schools} 所学校缺少经纬度，未在图中标出；涉及这些学校的 {exchanges} 条交流未画出",
    legend_school: "学校",
    areas: ["城区", "镇区", "乡村"],
    weak: "薄弱学校",
    shortage_by_school: "各校缺编（交流前后）",
    before: "交流前",
    after: "交流后",
    targets: "政策目标",
    county: "区县",
    eligible: "符合轮岗条件",
    quota: "交流人数（完成/要求）",
    backbone: "骨干教师（完成/要求）",
    met: "达标",
    missed: "未达标",
    warnings: "提示",
    none: "无",
    roster: "交流名单",
    roster_columns: [
        "序号",
        "姓名",
        "工号",
        "交流类型",
        "学科",
        "派出学校",
        "接收学校",
        "起止学期",
        "距离（公里）",
        "需要宿舍",
        "原因",
    ],
    yes: "是",
    no: "否",
    statuses: ["最优", "可行", "无可行方案", "超时", "错误"],
};

pub(crate) const EN: Labels = Labels {
    lang: "en",
    title: "Teacher exchange plan",
    headline: "Key figures",
    status: "Status",
    exchanges: "Exchanges",
    shortage: "Shortage (post-terms)",
    shortage_unit: "post-terms",
    filled: "Shortage filled",
    created: "Shortage created at sending schools",
    rural_shortage: "Rural and weak schools' shortage",
    schools_teachers: "Schools / teachers / eligible for rotation",
    changes: "Against the previous roster",
    changes_detail: "added {added}, removed {removed}, moved {moved}, unchanged {unchanged}",
    map: "Who goes where",
    map_missing: "{schools} school(s) have no coordinates and are not on the map; {exchanges} exchange(s) involving them are not drawn",
    legend_school: "School",
    areas: ["urban", "town", "rural"],
    weak: "weak school",
    shortage_by_school: "Shortage by school, before and after",
    before: "before",
    after: "after",
    targets: "Policy targets",
    county: "County",
    eligible: "Eligible for rotation",
    quota: "Exchanges (achieved/required)",
    backbone: "Backbone teachers (achieved/required)",
    met: "met",
    missed: "missed",
    warnings: "Warnings",
    none: "none",
    roster: "Roster",
    roster_columns: [
        "#",
        "Name",
        "Teacher id",
        "Kind",
        "Subject",
        "Home school",
        "Host school",
        "Terms",
        "Distance (km)",
        "Needs a bed",
        "Reasons",
    ],
    yes: "yes",
    no: "no",
    statuses: ["optimal", "feasible", "infeasible", "time limit", "error"],
};

impl Labels {
    pub fn of(language: Language) -> &'static Labels {
        match language {
            Language::Zh => &ZH,
            Language::En => &EN,
        }
    }

    /// A kind's name as the roster file writes it (`rotation`) in the page's
    /// language; an unknown name is shown as it is.
    pub fn kind(&self, kind: &str) -> String {
        match kind.parse::<Kind>() {
            Ok(kind) if self.lang == EN.lang => kind.as_str().to_string(),
            Ok(kind) => kind_zh(kind).to_string(),
            Err(_) => kind.to_string(),
        }
    }

    pub fn status_name(&self, status: crate::output::Status) -> &'static str {
        use crate::output::Status;
        let i = match status {
            Status::Optimal => 0,
            Status::Feasible => 1,
            Status::Infeasible => 2,
            Status::TimeLimit => 3,
            Status::Error => 4,
        };
        self.statuses[i]
    }
}

/// The Chinese name of a kind (SPEC §1).
fn kind_zh(kind: Kind) -> &'static str {
    match kind {
        Kind::Rotation => "交流轮岗",
        Kind::Support => "支教",
        Kind::Shadow => "跟岗学习",
        Kind::Secondment => "挂职",
    }
}
