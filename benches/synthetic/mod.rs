//! A synthetic plan N times the size of the shipped content, for benchmarks: every goal-area
//! file of `content/` is copied N times with its ids made unique, so the text and numbers keep
//! the density of the real plan.

use std::fs;
use std::io;
use std::path::Path;

/// Writes a site `scale` times the size of `content` into `target`.
pub(crate) fn write_scaled_site(content: &Path, target: &Path, scale: usize) -> io::Result<()> {
    fs::create_dir_all(target.join("goals"))?;
    fs::copy(content.join("basic-policies.yaml"), target.join("basic-policies.yaml"))?;
    // The accessibility results are named relative to content/; the copy lives elsewhere.
    let site = fs::read_to_string(content.join("site.yaml"))?;
    let site: String =
        site.lines().filter(|l| !l.starts_with("accessibility_results:")).map(|l| format!("{l}\n")).collect();
    fs::write(target.join("site.yaml"), site)?;
    let mut goals: Vec<_> = fs::read_dir(content.join("goals"))?.filter_map(Result::ok).map(|e| e.path()).collect();
    goals.sort();
    for copy in 0..scale {
        for goal in &goals {
            let text = fs::read_to_string(goal)?;
            let stem = goal.file_stem().and_then(|s| s.to_str()).unwrap_or("goal");
            fs::write(target.join("goals").join(format!("{copy:03}-{stem}.yaml")), prefix_ids(&text, copy))?;
        }
    }
    Ok(())
}

/// Prefixes every id and id reference of a goal file with `c<copy>-`.
fn prefix_ids(text: &str, copy: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    for line in text.lines() {
        let trimmed = line.trim_start().trim_start_matches("- ");
        let key = ["id: ", "relisted_from: "].into_iter().find(|k| trimmed.starts_with(k));
        match key {
            Some(key) => {
                let at = line.find(key).unwrap_or(0) + key.len();
                let value = line[at..].trim().trim_matches('"');
                out.push_str(&line[..at]);
                out.push_str(&format!("\"c{copy}-{value}\""));
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}
