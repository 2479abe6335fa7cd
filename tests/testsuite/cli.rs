//! Every command's output, exit status and error messages, pinned by the transcripts in
//! tests/cmd (trycmd: each file holds the command, its status and its output together).

#[test]
fn cli_transcripts() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
