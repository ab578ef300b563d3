//! The page's sections, top to bottom: headline figures, map, shortage
//! bars, targets, warnings, roster. Every piece of user data goes through
//! [`esc`].

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::domain::Kind;

use super::escape::esc;
use super::labels::Labels;
use super::{bars, map, Page};

/// "教师交流轮岗方案 · 永乐县 · 2027-autumn – 2028-spring".
pub(super) fn page_title(page: &Page, labels: &Labels) -> String {
    let mut counties: Vec<&str> = page.schools.iter().map(|s| s.county.as_str()).collect();
    counties.dedup();
    let horizon = &page.summary.horizon;
    let terms = match (horizon.first(), horizon.last()) {
        (Some(first), Some(last)) if first != last => format!("{first} – {last}"),
        (Some(first), _) => first.clone(),
        _ => String::new(),
    };
    [labels.title.to_string(), counties.join("、"), terms]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

pub(super) fn body(page: &Page, labels: &Labels) -> String {
    let mut html = String::new();
    let _ = writeln!(html, "<h1>{}</h1>", esc(&page_title(page, labels)));
    html.push_str(&headline(page, labels));
    html.push_str(&map_section(page, labels));
    let _ = writeln!(
        html,
        "<section id=\"shortage\"><h2>{}</h2>\n<p class=\"legend\"><span class=\"swatch before\"></span>{} <span class=\"swatch better\"></span><span class=\"swatch worse\"></span>{} ({})</p>\n{}\n</section>",
        esc(labels.shortage_by_school),
        esc(labels.before),
        esc(labels.after),
        esc(labels.shortage_unit),
        bars::bars(page.coverage, page.schools, labels)
    );
    html.push_str(&targets(page, labels));
    html.push_str(&warnings(page, labels));
    html.push_str(&roster(page, labels));
    html
}

fn figure(html: &mut String, id: &str, label: &str, value: &str) {
    let _ = writeln!(
        html,
        "<div class=\"figure\" id=\"figure-{id}\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>",
        esc(value),
        esc(label)
    );
}

fn headline(page: &Page, labels: &Labels) -> String {
    let s = page.summary;
    let mut html = format!(
        "<section id=\"headline\"><h2>{}</h2>\n<div class=\"figures\">\n",
        esc(labels.headline)
    );
    figure(
        &mut html,
        "status",
        labels.status,
        labels.status_name(s.status),
    );
    let by_kind: Vec<String> = [
        (Kind::Rotation, s.exchanges.rotation),
        (Kind::Support, s.exchanges.support),
        (Kind::Shadow, s.exchanges.shadow),
        (Kind::Secondment, s.exchanges.secondment),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(kind, n)| format!("{} {n}", labels.kind(kind.as_str())))
    .collect();
    figure(
        &mut html,
        "exchanges",
        &format!("{} ({})", labels.exchanges, by_kind.join(", ")),
        &s.exchanges.total.to_string(),
    );
    figure(
        &mut html,
        "shortage",
        labels.shortage,
        &format!("{} → {}", s.shortage_before, s.shortage_after),
    );
    figure(
        &mut html,
        "filled",
        labels.filled,
        &s.shortage_filled().to_string(),
    );
    figure(
        &mut html,
        "created",
        labels.created,
        &s.shortage_created.to_string(),
    );
    figure(
        &mut html,
        "rural",
        labels.rural_shortage,
        &format!("{} → {}", s.rural_shortage_before, s.rural_shortage_after),
    );
    figure(
        &mut html,
        "size",
        labels.schools_teachers,
        &format!("{} / {} / {}", s.schools, s.teachers, s.eligible),
    );
    if let Some(c) = &s.changed_vs_previous {
        let detail = labels
            .changes_detail
            .replace("{added}", &c.added.to_string())
            .replace("{removed}", &c.removed.to_string())
            .replace("{moved}", &c.moved.to_string())
            .replace("{unchanged}", &c.unchanged.to_string());
        figure(&mut html, "changes", labels.changes, &detail);
    }
    html.push_str("</div>\n</section>\n");
    html
}

fn map_section(page: &Page, labels: &Labels) -> String {
    let drawn = map::map(page.schools, page.roster, labels);
    let mut html = format!("<section id=\"map-section\"><h2>{}</h2>\n", esc(labels.map));
    html.push_str("<p class=\"legend\">");
    for kind in Kind::ALL {
        let _ = write!(
            html,
            "<span class=\"swatch\" style=\"background:{}\"></span>{} ",
            map::kind_colour(kind.as_str()),
            esc(&labels.kind(kind.as_str()))
        );
    }
    let _ = write!(html, "&nbsp; {}: ", esc(labels.legend_school));
    for (area, name) in ["urban", "town", "rural"].iter().zip(labels.areas) {
        let _ = write!(html, "<span class=\"dot {area}\"></span>{} ", esc(name));
    }
    let _ = writeln!(
        html,
        "<span class=\"dot weak\"></span>{}</p>",
        esc(labels.weak)
    );
    html.push_str(&drawn.svg);
    html.push('\n');
    if drawn.schools_without_place > 0 || drawn.exchanges_not_drawn > 0 {
        let note = labels
            .map_missing
            .replace("{schools}", &drawn.schools_without_place.to_string())
            .replace("{exchanges}", &drawn.exchanges_not_drawn.to_string());
        let _ = writeln!(html, "<p class=\"note\">{}</p>", esc(&note));
    }
    html.push_str("</section>\n");
    html
}

fn targets(page: &Page, labels: &Labels) -> String {
    let mut html = format!(
        "<section id=\"targets\"><h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(labels.targets),
        esc(labels.county),
        esc(labels.eligible),
        esc(labels.quota),
        esc(labels.backbone),
    );
    let verdict = |achieved: u32, required: u32| {
        let (class, word) = if achieved >= required {
            ("met", labels.met)
        } else {
            ("missed", labels.missed)
        };
        format!(
            "<td class=\"{class}\">{achieved}/{required} {}</td>",
            esc(word)
        )
    };
    for (county, q) in &page.summary.quota {
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td class=\"num\">{}</td>{}{}</tr>",
            esc(county),
            q.eligible,
            verdict(q.achieved, q.required),
            verdict(q.backbone_achieved, q.backbone_required),
        );
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
    html
}

fn warnings(page: &Page, labels: &Labels) -> String {
    let mut html = format!(
        "<section id=\"warnings\"><h2>{}</h2>\n",
        esc(labels.warnings)
    );
    if page.summary.warnings.is_empty() {
        let _ = writeln!(html, "<p>{}</p>", esc(labels.none));
    } else {
        html.push_str("<ul>\n");
        for warning in &page.summary.warnings {
            let _ = writeln!(html, "<li>{}</li>", esc(warning));
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</section>\n");
    html
}

fn roster(page: &Page, labels: &Labels) -> String {
    let name_of: HashMap<&str, &str> = page
        .schools
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let school = |id: &str| esc(name_of.get(id).copied().unwrap_or(id));
    let mut html = format!(
        "<section id=\"roster\"><h2>{} ({})</h2>\n<table>\n<thead><tr>",
        esc(labels.roster),
        page.roster.len()
    );
    for column in labels.roster_columns {
        let _ = write!(html, "<th>{}</th>", esc(column));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for (i, row) in page.roster.iter().enumerate() {
        let terms = if row.start_term == row.end_term {
            esc(&row.start_term)
        } else {
            format!("{} – {}", esc(&row.start_term), esc(&row.end_term))
        };
        let bed = if row.needs_bed == "true" {
            labels.yes
        } else {
            labels.no
        };
        let _ = writeln!(
            html,
            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td><span class=\"swatch\" style=\"background:{}\"></span>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"reasons\">{}</td></tr>",
            i + 1,
            esc(&row.teacher_name),
            esc(&row.teacher_id),
            map::kind_colour(&row.kind),
            esc(&labels.kind(&row.kind)),
            esc(&row.subject),
            school(&row.home_school_id),
            school(&row.host_school_id),
            terms,
            esc(&row.distance_km),
            esc(bed),
            esc(&row.reasons.replace(';', "; ")),
        );
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
    html
}
