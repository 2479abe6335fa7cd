//! Writes a synthetic plan N times the size of content/, for measuring builds:
//! `cargo run --release --example synthesize -- 100 /tmp/plan-100x`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and tools fail loudly

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let scale: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(100);
    let target = args.next().unwrap_or_else(|| format!("target/plan-{scale}x"));
    synthetic::write_scaled_site(std::path::Path::new("content"), std::path::Path::new(&target), scale)?;
    println!("wrote a plan {scale} times the size of content/ to {target}");
    Ok(())
}
