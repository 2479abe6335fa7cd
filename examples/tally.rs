//! Prints the counts of the shipped content: `cargo run --example tally`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and tools fail loudly

fn main() {
    let (checked, diagnostics) = mieruka::check(std::path::Path::new("content"));
    let Some((site, _)) = checked else {
        eprint!("{}", diagnostics.render_human());
        std::process::exit(1);
    };
    let t = mieruka::model::Tally::of(&site);
    println!("{t:#?}");
}
