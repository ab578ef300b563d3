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
    pub(crate) language: Language,
    /// The `lang` attribute of `<html>`.
    pub(crate) lang: &'static str,
    pub(crate) title: &'static str,
    pub(crate) headline: &'static str,
    pub(crate) status: &'static str,
    pub(crate) exchanges: &'static str,
    pub(crate) shortage: &'static str,
    pub(crate) shortage_unit: &'static str,
    pub(crate) filled: &'static str,
    pub(crate) created: &'static str,
    pub(crate) rural_shortage: &'static str,
    pub(crate) schools_teachers: &'static str,
    pub(crate) changes: &'static str,
    pub(crate) map: &'static str,
    pub(crate) legend_school: &'static str,
    pub(crate) areas: [&'static str; 3],
    pub(crate) weak: &'static str,
    pub(crate) shortage_by_school: &'static str,
    pub(crate) before: &'static str,
    pub(crate) after: &'static str,
    pub(crate) targets: &'static str,
    pub(crate) county: &'static str,
    pub(crate) eligible: &'static str,
    pub(crate) quota: &'static str,
    pub(crate) backbone: &'static str,
    pub(crate) met: &'static str,
    pub(crate) missed: &'static str,
    pub(crate) warnings: &'static str,
    pub(crate) none: &'static str,
    pub(crate) roster: &'static str,
    pub(crate) roster_columns: [&'static str; 11],
    pub(crate) yes: &'static str,
    pub(crate) no: &'static str,
}

impl Labels {
    pub(crate) fn of(language: Language) -> Labels {
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
    pub(crate) fn kind(&self, kind: &str) -> String {
        match kind.parse::<Kind>() {
            Ok(kind) => self.language.kind(kind).to_string(),
            Err(_) => kind.to_string(),
        }
    }

    pub(crate) fn status_name(&self, status: Status) -> &'static str {
        self.language.status(status)
    }
}
