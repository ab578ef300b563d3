//! `report.html` in a real browser (SPEC §4, issue 12): the sample's page
//! is opened by headless Chromium, which must load it without a console
//! message (a blocked fetch, which the page's Content-Security-Policy turns
//! into one, included) and lay out one arrow per exchange on the map, the
//! schools, a before and an after bar per school and the roster.
//!
//! The page has no script, so the measuring is done by a probe page that
//! loads the report in an iframe and writes what it finds into its own DOM,
//! which `--dump-dom` prints.
//!
//! The browser: `ROTAPLAN_CHROMIUM`, else `chromium`, `chromium-browser`,
//! `google-chrome` or `chrome-headless-shell` on the PATH. `./dev test`
//! installs Debian's `chromium` when it is missing. Without a browser the
//! test fails and says what to install; `ROTAPLAN_SKIP_BROWSER=1` skips it
//! deliberately (say so in the run's notes).

mod cli_support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cli_support::{assert_exit, read_csv, solve, Sample};

const CANDIDATES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "chrome-headless-shell",
];

/// The browser to use, or `None` when skipping is asked for; panics with
/// what to do when there is none.
fn browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("ROTAPLAN_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in CANDIDATES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    if std::env::var_os("ROTAPLAN_SKIP_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("report_html: no browser, skipped because ROTAPLAN_SKIP_BROWSER=1");
        return None;
    }
    panic!(
        "report.html is tested in headless Chromium, and none was found (looked for {} on the \
         PATH and ROTAPLAN_CHROMIUM). Run ./dev test, which installs it as root on Debian/Ubuntu, \
         or install it (Debian/Ubuntu: apt-get install chromium), or set ROTAPLAN_SKIP_BROWSER=1 \
         to skip this test on purpose.",
        CANDIDATES.join(", ")
    );
}

/// Loads the report into an iframe and writes, as JSON into `#probe`,
/// what the browser laid out; `#errors` collects script errors.
const PROBE: &str = r#"<!DOCTYPE html>
<html><body><pre id="errors"></pre><pre id="probe">not measured</pre>
<iframe id="report" src="report.html" width="1200" height="900"></iframe>
<script>
window.onerror = (message) => { document.getElementById('errors').textContent += message + '\n'; };
document.getElementById('report').addEventListener('load', () => {
  const page = document.getElementById('report').contentDocument;
  const all = (selector) => [...page.querySelectorAll(selector)];
  const map = page.getElementById('map').getBoundingClientRect();
  const drawn = (el) => { const box = el.getBBox(); return box.width + box.height > 0; };
  document.getElementById('probe').textContent = JSON.stringify({
    title: page.title,
    map_width: map.width,
    map_height: map.height,
    arrows_drawn: all('#map path.exchange').filter(p => p.getTotalLength() > 0 && drawn(p)).length,
    arrows_by_kind: Object.fromEntries(['rotation', 'support', 'shadow', 'secondment'].map(k => [k, all('#map path.exchange[data-kind=' + k + ']').length])),
    schools_drawn: all('#map circle.school').filter(c => c.r.baseVal.value > 0 && drawn(c)).length,
    bars: all('#shortage-bars rect.bar').length,
    bars_with_length: all('#shortage-bars rect.bar').filter(r => r.getBBox().width > 0).length,
    roster_rows: all('#roster tbody tr').length,
    figures: all('#headline .figure').length,
  });
});
</script></body></html>
"#;

/// Runs the browser on `page`, killing it after a minute.
fn dump_dom(browser: &Path, page: &Path, profile: &Path) -> (String, String) {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--allow-file-access-from-files",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", browser.display()));
    // Drained while it runs: a page's DOM is larger than a pipe holds, and a
    // browser blocked on a full pipe never exits.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{} did not finish within a minute", browser.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    assert!(status.success(), "{stderr}");
    (stdout, stderr)
}

/// The text of `<pre id="ID">` in a dumped DOM (entities undone for the
/// few the serialiser writes).
fn pre(dom: &str, id: &str) -> String {
    let open = format!("<pre id=\"{id}\">");
    let start = dom
        .find(&open)
        .unwrap_or_else(|| panic!("no #{id} in {dom}"))
        + open.len();
    let end = start + dom[start..].find("</pre>").unwrap();
    dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn the_sample_report_loads_cleanly_and_draws_map_bars_and_roster() {
    let Some(browser) = browser() else {
        return;
    };
    let sample = Sample::new();
    assert_exit(&solve(&sample.data(), &["--threads", "1"]), 0);
    let out = sample.out();
    let probe = out.join("probe.html");
    std::fs::write(&probe, PROBE).unwrap();
    let (dom, log) = dump_dom(&browser, &probe, &sample.file("profile"));

    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
    assert!(
        console.is_empty(),
        "console messages:\n{}",
        console.join("\n")
    );
    assert_eq!(pre(&dom, "errors"), "", "script errors");
    let probe: serde_json::Value = serde_json::from_str(&pre(&dom, "probe"))
        .unwrap_or_else(|e| panic!("{e}: the probe did not run:\n{dom}"));

    let roster = read_csv(&out.join("roster.csv"));
    let schools = read_csv(&sample.data().join("schools.csv"));
    let coverage = read_csv(&out.join("coverage.csv"));
    assert!(roster.len() > 10, "the sample has a real roster");
    assert!(
        probe["title"].as_str().unwrap().contains("永乐县"),
        "{probe}"
    );
    assert!(probe["map_width"].as_f64().unwrap() > 300.0, "{probe}");
    assert!(probe["map_height"].as_f64().unwrap() > 100.0, "{probe}");
    assert_eq!(probe["arrows_drawn"], roster.len(), "{probe}");
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for row in &roster {
        *by_kind.entry(row["kind"].as_str()).or_default() += 1;
    }
    for (kind, n) in by_kind {
        assert_eq!(probe["arrows_by_kind"][kind], n, "{kind}: {probe}");
    }
    assert_eq!(probe["schools_drawn"], schools.len(), "{probe}");

    // A before and an after bar per school with coverage; as many with a
    // length as there are non-zero totals.
    let mut totals: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for row in &coverage {
        let total = totals.entry(row["school_id"].as_str()).or_default();
        total.0 += row["shortage_before"].parse::<u64>().unwrap();
        total.1 += row["shortage_after"].parse::<u64>().unwrap();
    }
    let with_length = totals
        .values()
        .map(|&(b, a)| usize::from(b > 0) + usize::from(a > 0))
        .sum::<usize>();
    assert_eq!(probe["bars"], 2 * totals.len(), "{probe}");
    assert_eq!(probe["bars_with_length"], with_length, "{probe}");
    assert!(with_length > 0);
    assert_eq!(probe["roster_rows"], roster.len(), "{probe}");
    assert!(probe["figures"].as_u64().unwrap() >= 6, "{probe}");
    let hosts: BTreeSet<&str> = roster
        .iter()
        .map(|r| r["host_school_id"].as_str())
        .collect();
    assert!(hosts.len() > 1);
}

#[test]
fn a_page_that_fetches_is_caught() {
    // The check above relies on the console showing a blocked fetch: a page
    // like the report with an image from the network must produce one.
    let Some(browser) = browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sample = Sample::new();
    assert_exit(&solve(&sample.data(), &["--threads", "1"]), 0);
    let html = std::fs::read_to_string(sample.out().join("report.html")).unwrap();
    let fetching = html.replacen("<body>", "<body><img src=\"http://127.0.0.1:9/x.png\">", 1);
    let page = dir.path().join("report.html");
    std::fs::write(&page, fetching).unwrap();
    let (_, log) = dump_dom(&browser, &page, &dir.path().join("profile"));
    assert!(
        log.lines()
            .any(|l| l.contains("CONSOLE") && l.contains("Content Security Policy")),
        "{log}"
    );
}
