//! The fixed text of `report.html` in the page's language (`[output]
//! language`), taken from the one message catalog ([`crate::lang`]) so
//! that the page, the printed table, the workbook and the messages say a
//! kind or a status the same way, and a label cannot lack a translation.

use crate::domain::policy::Language;
use crate::domain::Kind;
use crate::lang::Msg;
use crate::output::Status;

/// Every label the page's sections use, looked up once per page.
pub(crate) struct Labels {
    /// For the labels with figures in them (`tr!(labels.language; …)`).
    pub language: Language,
    /// The `lang` attribute of `<html>`.
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
    pub map: &'static str,
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
}

impl Labels {
    pub fn of(language: Language) -> Labels {
        let t = |msg: Msg| msg.text(language);
        Labels {
            language,
            lang: match language {
                Language::Zh => "zh-CN",
                Language::En => "en",
            },
            title: t(Msg::HtmlTitle),
            headline: t(Msg::HtmlHeadline),
            status: t(Msg::HtmlStatus),
            exchanges: t(Msg::HtmlExchanges),
            shortage: t(Msg::HtmlShortage),
            shortage_unit: t(Msg::HtmlShortageUnit),
            filled: t(Msg::HtmlFilled),
            created: t(Msg::HtmlCreated),
            rural_shortage: t(Msg::HtmlRuralShortage),
            schools_teachers: t(Msg::HtmlSchoolsTeachers),
            changes: t(Msg::HtmlChanges),
            map: t(Msg::HtmlMap),
            legend_school: t(Msg::HtmlLegendSchool),
            areas: [t(Msg::AreaUrban), t(Msg::AreaTown), t(Msg::AreaRural)],
            weak: t(Msg::HtmlWeak),
            shortage_by_school: t(Msg::HtmlShortageBySchool),
            before: t(Msg::HtmlBefore),
            after: t(Msg::HtmlAfter),
            targets: t(Msg::HtmlTargets),
            county: t(Msg::HtmlCounty),
            eligible: t(Msg::HtmlEligible),
            quota: t(Msg::HtmlQuota),
            backbone: t(Msg::HtmlBackbone),
            met: t(Msg::HtmlMet),
            missed: t(Msg::HtmlMissed),
            warnings: t(Msg::HtmlWarnings),
            none: t(Msg::TableWarningsNone),
            roster: t(Msg::HtmlRoster),
            roster_columns: [
                t(Msg::HtmlColNumber),
                t(Msg::HtmlColName),
                t(Msg::HtmlColTeacherId),
                t(Msg::HtmlColKind),
                t(Msg::HtmlColSubject),
                t(Msg::HtmlColHome),
                t(Msg::HtmlColHost),
                t(Msg::HtmlColTerms),
                t(Msg::HtmlColDistance),
                t(Msg::HtmlColNeedsBed),
                t(Msg::HtmlColReasons),
            ],
            yes: t(Msg::HtmlYes),
            no: t(Msg::HtmlNo),
        }
    }

    /// A kind's name as the roster file writes it (`rotation`) in the page's
    /// language; an unknown name is shown as it is.
    pub fn kind(&self, kind: &str) -> String {
        match kind.parse::<Kind>() {
            Ok(kind) => self.language.kind(kind).to_string(),
            Err(_) => kind.to_string(),
        }
    }

    pub fn status_name(&self, status: Status) -> &'static str {
        self.language.status(status)
    }
}
