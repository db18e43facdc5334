//! Benchmark of `adhesion build`: speed and memory on a realistic campaign, side by side with
//! the typst CLI compiling the same sources one process per document.
//!
//! Build the binary under test first, then run the bench from the repository:
//!
//! ```text
//! cargo build --release
//! cargo run --release --example bench                      # 1,250 members (the default)
//! cargo run --release --example bench -- --members 35000 --runs 1
//! cargo run --release --example bench -- generate --members 1250 --out /tmp/campaign
//! ```
//!
//! The largest campaign (35,000 members) takes an hour or more on two cores and ~5 GB of PDFs
//! per output folder. `generate` only writes a campaign folder (see `bench/generate.rs` for where the data comes
//! from). The bench itself generates its campaign in a temporary folder and measures, in one run:
//!
//! - (a) `adhesion build`, a fresh output folder each time, median of `--runs` runs;
//! - (b) `adhesion build --emit-typ`, then the typst CLI on the emitted sources, one document
//!   per process, one at a time and two at a time (on `--typst-sample` members, extrapolated);
//! - (c) a rebuild with nothing changed, into the same output folder;
//! - (d) one member's PDFs (its three documents), process start included, against one
//!   `typst compile`;
//! - (e) peak memory at 100 members against the full campaign.
//!
//! Options: `--data DIR` (the open data, default `crates/adhesion-core/data/open-data` in the repository),
//! `--adhesion PATH`, `--typst PATH`, `--typst-sample K` (0: every member), `--runs N`,
//! `--keep DIR` (work in DIR and keep it). The typst CLI is installed with
//! `cargo install typst-cli --version 0.15.1 --locked`; without it those rows are skipped.

#[path = "bench/generate.rs"]
mod generate;
#[path = "bench/measure.rs"]
mod measure;
#[path = "bench/typst_cli.rs"]
mod typst_cli;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use clap::{Args, Parser, Subcommand};

use measure::Sample;
use typst_cli::{TypstCli, TypstSetup};

/// The smaller campaign whose memory is compared with the full one's.
const SMALL_CAMPAIGN: usize = 100;
/// Above this many members the one-worker build (twice as long as the others) is skipped.
const MAX_SINGLE_WORKER: usize = 5000;
/// The typst CLI version the product embeds, for a fair comparison.
const TYPST_VERSION: &str = "0.15.1";

#[derive(Debug, Parser)]
#[command(about = "Benchmarks `adhesion build` against the typst CLI on a generated campaign")]
struct Cli {
    #[command(subcommand)]
    command: Option<Sub>,
    #[command(flatten)]
    bench: BenchArgs,
    /// The open data folder (communes-france.csv, ecoles-publiques-*.csv)
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Sub {
    /// Write a campaign folder of N members and stop
    Generate {
        /// Members to write (at most the communes and EPCIs of France: 36,186)
        #[arg(long, value_name = "N")]
        members: usize,
        /// The campaign folder to write (its members/ is replaced)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
struct BenchArgs {
    /// Members in the campaign
    #[arg(long, value_name = "N", default_value_t = 1250)]
    members: usize,
    /// Runs of the full build; the median is reported
    #[arg(long, value_name = "N", default_value_t = 3)]
    runs: usize,
    /// Members compiled with the typst CLI (0: all of them); the rest is extrapolated
    #[arg(long, value_name = "K", default_value_t = 250)]
    typst_sample: usize,
    /// The adhesion binary [default: target/release/adhesion]
    #[arg(long, value_name = "PATH")]
    adhesion: Option<PathBuf>,
    /// The typst CLI [default: `typst` on the PATH, then ~/.cargo/bin/typst]
    #[arg(long, value_name = "PATH")]
    typst: Option<PathBuf>,
    /// Work in this folder and keep it, instead of a temporary one
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
}

/// Runs of the one-member measure (d), at least: each takes a few tens of milliseconds.
const ONE_MEMBER_RUNS: usize = 15;

fn main() {
    let cli = Cli::parse();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data_dir = generate::data_dir(repo, cli.data.as_deref());
    let result = match &cli.command {
        Some(Sub::Generate { members, out }) => generate_only(repo, &data_dir, *members, out),
        None => bench(repo, &data_dir, &cli.bench),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn generate_only(repo: &Path, data_dir: &Path, members: usize, out: &Path) -> io::Result<()> {
    let began = Instant::now();
    let data = generate::Data::load(data_dir)?;
    let real = generate::campaign(&data, repo, out, members)?;
    eprintln!(
        "wrote {members} members ({real} real communes with their schools, {} synthetic) into {} in {:.1} s",
        members - real,
        out.display(),
        began.elapsed().as_secs_f64()
    );
    Ok(())
}

/// One line of the results table.
struct Row {
    label: String,
    documents: usize,
    wall: Duration,
    peak_rss_kib: Option<u64>,
    note: String,
}

impl Row {
    fn new(
        label: impl Into<String>,
        documents: usize,
        sample: &Sample,
        note: impl Into<String>,
    ) -> Row {
        let mut note = note.into();
        if !sample.ok() {
            note = format!("FAILED ({} process(es)); {note}", sample.failures);
        }
        Row {
            label: label.into(),
            documents,
            wall: sample.wall,
            peak_rss_kib: Some(sample.peak_rss_kib),
            note,
        }
    }
}

/// The whole benchmark.
fn bench(repo: &Path, data_dir: &Path, args: &BenchArgs) -> io::Result<()> {
    let adhesion = adhesion_binary(args.adhesion.as_deref())?;
    let typst = typst_cli::find(args.typst.as_deref());
    let flags = BuildFlags {
        force: build_has_flag(&adhesion, "--force")?,
        timings: build_has_flag(&adhesion, "--timings")?,
    };
    let temp;
    let work = match &args.keep {
        Some(dir) => {
            fs::create_dir_all(dir)?;
            dir.clone()
        }
        None => {
            temp = tempfile::Builder::new()
                .prefix("adhesion-bench-")
                .tempdir()?;
            temp.path().to_owned()
        }
    };
    let n = args.members;
    print_header(&adhesion, typst.as_ref(), n, &work);

    let data = generate::Data::load(data_dir)?;
    let campaign = work.join(format!("campaign-{n}"));
    let began = Instant::now();
    let real = generate::campaign(&data, repo, &campaign, n)?;
    println!(
        "generated {n} members ({real} real communes with their schools, {} synthetic) in {:.1} s",
        n - real,
        began.elapsed().as_secs_f64()
    );

    let mut b = Bench {
        adhesion,
        flags,
        campaign,
        work,
        members: n,
        runs: args.runs.max(1),
        per_member: 2,
        build_rss: 0,
        rows: Vec::new(),
        notes: Vec::new(),
    };
    b.check()?;
    b.full_builds()?;
    b.rebuild()?;
    let setup = b.typst_cli(typst.as_ref(), repo, args.typst_sample)?;
    b.one_member(setup.as_ref())?;
    let small_rss = b.small_campaign(&data, repo)?;

    print_table(&b.rows);
    println!();
    print_ratios(&b.rows, b.build_rss, small_rss, n);
    for note in &b.notes {
        println!("note: {note}");
    }
    if args.keep.is_some() {
        println!("kept {}", b.work.display());
    }
    Ok(())
}

/// The state of a benchmark run: what is measured, and the results so far.
struct Bench {
    adhesion: PathBuf,
    flags: BuildFlags,
    campaign: PathBuf,
    work: PathBuf,
    members: usize,
    runs: usize,
    /// PDFs per member, as counted after the first build (2: convention and annexe 2).
    per_member: usize,
    /// The median peak RSS of the full builds, in KiB.
    build_rss: u64,
    rows: Vec<Row>,
    notes: Vec<String>,
}

impl Bench {
    fn documents(&self) -> usize {
        self.per_member * self.members
    }

    /// `adhesion build` of the campaign into `out`.
    fn build(&self, out: &str) -> Command {
        build_cmd(
            &self.adhesion,
            &self.campaign,
            &self.work.join(out),
            self.flags.force,
        )
    }

    /// Validation alone: the floor under every build, which validates the whole campaign.
    fn check(&mut self) -> io::Result<()> {
        let check =
            measure::run(adhesion_cmd(&self.adhesion, &self.campaign).args(["check", "-q"]))?;
        report_failure("adhesion check", &check);
        self.rows
            .push(Row::new("adhesion check (validation only)", 0, &check, ""));
        Ok(())
    }

    /// (a) Full builds, a fresh output folder each time; then one with a single worker.
    fn full_builds(&mut self) -> io::Result<()> {
        let mut builds = Vec::new();
        for run in 1..=self.runs {
            let out = format!("out-{run}");
            let sample = measure::run(timed(self.build(&out), self.flags))?;
            report_failure("adhesion build", &sample);
            let (member_pdfs, other_pdfs) = count_pdfs(&self.work.join(&out));
            if run == 1 {
                self.per_member = (member_pdfs / self.members.max(1)).max(1);
                if self.per_member != 2 || other_pdfs > 0 {
                    self.notes.push(format!(
                        "each member gets {} PDFs (not 2) and the build writes {other_pdfs} more PDF(s) \
                         at the top of out/ (recap); rates count member PDFs only",
                        self.per_member
                    ));
                }
            } else if member_pdfs != self.documents() {
                self.notes.push(format!(
                    "build run {run} wrote {member_pdfs} member PDFs, not {}",
                    self.documents()
                ));
            }
            println!(
                "  build run {run}: {:.2} s, peak RSS {}",
                sample.wall.as_secs_f64(),
                mib(sample.peak_rss_kib)
            );
            builds.push(sample);
            if run > 1 {
                // The first output folder is kept for the rebuild; the others only take disk space.
                let _ = fs::remove_dir_all(self.work.join(&out));
            }
        }
        let build = measure::median(&builds);
        self.build_rss = measure::median_rss(&builds);
        self.rows.push(Row {
            peak_rss_kib: Some(self.build_rss),
            ..Row::new(
                format!("(a) adhesion build, median of {}", self.runs),
                self.documents(),
                &build,
                format!("runs: {}", list_secs(&builds)),
            )
        });
        let mut timed_runs = vec![("median build", build)];
        if self.members <= MAX_SINGLE_WORKER {
            let one_core = measure::run(timed(self.build("out-j1"), self.flags).args(["-j", "1"]))?;
            report_failure("adhesion build -j 1", &one_core);
            let row = Row::new(
                "    same, -j 1 (one worker)",
                self.documents(),
                &one_core,
                "for the parallel speed-up",
            );
            self.rows.push(row);
            let _ = fs::remove_dir_all(self.work.join("out-j1"));
            timed_runs.push(("build -j 1", one_core));
        } else {
            self.notes.push(format!(
                "the one-worker build is skipped above {MAX_SINGLE_WORKER} members"
            ));
        }
        for (what, sample) in &timed_runs {
            if let Some(line) = sample.stderr.lines().find(|l| l.starts_with("timings")) {
                self.notes
                    .push(format!("where the time goes, {what}: {line}"));
            }
        }
        Ok(())
    }

    /// (c) Nothing changed: build again into the first output folder, without `--force`.
    fn rebuild(&mut self) -> io::Result<()> {
        let out = self.work.join("out-1");
        let before = pdf_stamps(&out);
        let rebuild = measure::run(build_cmd(&self.adhesion, &self.campaign, &out, false))?;
        report_failure("adhesion rebuild", &rebuild);
        let after = pdf_stamps(&out);
        let rewritten = after
            .iter()
            .filter(|(path, stamp)| before.get(*path) != Some(stamp))
            .count();
        let mode = if self.flags.force {
            "the product has an incremental mode (--force exists)"
        } else {
            "NO incremental mode yet (no --force flag): everything is rebuilt"
        };
        self.rows.push(Row::new(
            "(c) adhesion rebuild, nothing changed",
            self.documents(),
            &rebuild,
            format!("{rewritten} of {} PDFs rewritten; {mode}", after.len()),
        ));
        let _ = fs::remove_dir_all(&out);
        Ok(())
    }

    /// (b) `--emit-typ`, then the emitted sources through the typst CLI, one process per
    /// document, one then two at a time. Returns how the CLI is run, when it is installed.
    fn typst_cli(
        &mut self,
        typst: Option<&TypstCli>,
        repo: &Path,
        sample_size: usize,
    ) -> io::Result<Option<TypstSetup>> {
        let emit = measure::run(self.build("out-typ").arg("--emit-typ"))?;
        report_failure("adhesion build --emit-typ", &emit);
        self.rows.push(Row::new(
            "(b) adhesion build --emit-typ",
            self.documents(),
            &emit,
            "also writes the .typ sources",
        ));
        let Some(cli) = typst else {
            self.notes.push(format!(
                "typst CLI not found: install it with `cargo install typst-cli --version {TYPST_VERSION} --locked` \
                 (or pass --typst PATH); its rows are skipped"
            ));
            return Ok(None);
        };
        let setup = TypstSetup::new(cli, repo, &self.campaign, &self.work.join("out-typ"));
        let ids = setup.member_ids();
        let Some(probe) = ids.first() else {
            self.notes
                .push("--emit-typ wrote no member source: the typst CLI rows are skipped".into());
            return Ok(None);
        };
        let chosen = sample(&ids, sample_size);
        match setup.prepare(probe, &chosen)? {
            Some(problem) => self.notes.push(problem),
            None => self
                .notes
                .push("the emitted sources compile as they are with the typst CLI".into()),
        }
        let sources: Vec<PathBuf> = chosen.iter().flat_map(|id| setup.sources(id)).collect();
        let total = self.documents();
        for width in [1, 2] {
            let sample = measure::run_pool(sources.iter().map(|s| setup.command(s)), width)?;
            report_failure("typst compile", &sample);
            let label = if chosen.len() < ids.len() {
                format!(
                    "(b) typst CLI, {width} at a time, {} of {} members, EXTRAPOLATED",
                    chosen.len(),
                    ids.len()
                )
            } else {
                format!("(b) typst CLI, {width} at a time")
            };
            let note = format!(
                "measured {:.1} s for {} documents",
                sample.wall.as_secs_f64(),
                sources.len()
            );
            let mut row = Row::new(label, total, &sample, note);
            row.wall = sample
                .wall
                .mul_f64(total as f64 / sources.len().max(1) as f64);
            self.rows.push(row);
        }
        Ok(Some(setup))
    }

    /// (d) One member's PDFs, process start included, against one `typst compile`: runs of
    /// each taken in turns, so that both see the same moments of a noisy machine.
    fn one_member(&mut self, typst: Option<&TypstSetup>) -> io::Result<()> {
        let member = first_member_file(&self.campaign.join("members"))?;
        let source = typst.and_then(|setup| {
            let id = setup.member_ids().into_iter().next().unwrap_or_default();
            let sources = setup.sources(&id);
            sources
                .iter()
                .find(|s| s.ends_with("convention.typ"))
                .or(sources.first())
                .cloned()
                .map(|source| (setup, source))
        });
        let runs = self.runs.max(ONE_MEMBER_RUNS);
        let mut builds = Vec::new();
        let mut compiles = Vec::new();
        for run in 0..runs {
            builds.push(measure::run(
                self.build(&format!("out-one-{run}")).arg(&member),
            )?);
            if let Some((setup, source)) = &source {
                compiles.push(measure::run(setup.command(source))?);
            }
        }
        let build = measure::median(&builds);
        report_failure("adhesion build <one member>", &build);
        self.rows.push(Row::new(
            "(d) adhesion build <one member>",
            self.per_member,
            &build,
            format!(
                "median of {runs}, taken in turns with the row below; runs: {}",
                list_secs(&builds)
            ),
        ));
        let Some((_, source)) = source else {
            return Ok(());
        };
        let compile = measure::median(&compiles);
        report_failure("typst compile <one document>", &compile);
        let label = format!(
            "(d) typst compile <one document> ({})",
            source.file_name().unwrap_or_default().display()
        );
        self.rows.push(Row::new(
            label,
            1,
            &compile,
            format!("median of {runs}; runs: {}", list_secs(&compiles)),
        ));
        Ok(())
    }

    /// (e) The first members of the same campaign, for the growth of memory with its size.
    fn small_campaign(&mut self, data: &generate::Data, repo: &Path) -> io::Result<Option<u64>> {
        if self.members <= SMALL_CAMPAIGN {
            return Ok(None);
        }
        let small = self.work.join(format!("campaign-{SMALL_CAMPAIGN}"));
        generate::campaign(data, repo, &small, SMALL_CAMPAIGN)?;
        let sample = measure::run(build_cmd(
            &self.adhesion,
            &small,
            &small.join("out"),
            self.flags.force,
        ))?;
        report_failure("adhesion build (small campaign)", &sample);
        self.rows.push(Row::new(
            format!("(e) adhesion build, {SMALL_CAMPAIGN} members"),
            self.per_member * SMALL_CAMPAIGN,
            &sample,
            format!("the first {SMALL_CAMPAIGN} members of the same campaign"),
        ));
        Ok(Some(sample.peak_rss_kib))
    }
}

/// `target/release/adhesion` next to this example (or `--adhesion`).
fn adhesion_binary(given: Option<&Path>) -> io::Result<PathBuf> {
    let path = match given {
        Some(p) => p.to_owned(),
        None => {
            // target/release/examples/bench -> target/release/adhesion
            let exe = std::env::current_exe()?;
            let release = exe.parent().and_then(Path::parent).map(Path::to_owned);
            release
                .map(|dir| dir.join("adhesion"))
                .filter(|p| p.is_file())
                .unwrap_or_else(|| {
                    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/adhesion")
                })
        }
    };
    if !path.is_file() {
        return Err(io::Error::other(format!(
            "no adhesion binary at {}: run `cargo build --release` first (or pass --adhesion PATH)",
            path.display()
        )));
    }
    Ok(path)
}

/// Whether `adhesion build --help` lists `flag`.
fn build_has_flag(adhesion: &Path, flag: &str) -> io::Result<bool> {
    let help = Command::new(adhesion).args(["build", "--help"]).output()?;
    let text = String::from_utf8_lossy(&help.stdout);
    Ok(text
        .split(|c: char| c.is_whitespace() || c == ',')
        .any(|word| word == flag))
}

fn adhesion_cmd(adhesion: &Path, campaign: &Path) -> Command {
    let mut cmd = Command::new(adhesion);
    cmd.arg("--root")
        .arg(campaign)
        .env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// The optional flags of `adhesion build` that the binary under test has.
#[derive(Debug, Clone, Copy)]
struct BuildFlags {
    /// `--force`: rebuild everything (the product has an incremental mode).
    force: bool,
    /// `--timings`: print where the time went.
    timings: bool,
}

/// Adds `--timings` when the binary has it.
fn timed(mut cmd: Command, flags: BuildFlags) -> Command {
    if flags.timings {
        cmd.arg("--timings");
    }
    cmd
}

/// `adhesion build --root <campaign> --out <out> -q [--force]`.
fn build_cmd(adhesion: &Path, campaign: &Path, out: &Path, force: bool) -> Command {
    let mut cmd = adhesion_cmd(adhesion, campaign);
    cmd.arg("build").arg("--out").arg(out).arg("-q");
    if force {
        cmd.arg("--force");
    }
    cmd
}

fn report_failure(what: &str, sample: &Sample) {
    if !sample.ok() {
        let tail: Vec<&str> = sample.stderr.lines().rev().take(15).collect();
        eprintln!("warning: {what} failed; the end of its output:");
        for line in tail.into_iter().rev() {
            eprintln!("  | {line}");
        }
    }
}

/// `k` members spread evenly over the list (all of them when `k` is 0 or too large).
fn sample(ids: &[String], k: usize) -> Vec<String> {
    if k == 0 || k >= ids.len() {
        return ids.to_vec();
    }
    (0..k).map(|i| ids[i * ids.len() / k].clone()).collect()
}

/// Every PDF under `out/<id>/`, with what changes when it is rewritten (inode, mtime).
fn pdf_stamps(out: &Path) -> HashMap<PathBuf, (u64, SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    let mut stamps = HashMap::new();
    for dir in fs::read_dir(out).into_iter().flatten().flatten() {
        for file in fs::read_dir(dir.path()).into_iter().flatten().flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "pdf")
                && let Ok(meta) = file.metadata()
            {
                stamps.insert(
                    path,
                    (
                        meta.ino(),
                        meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                    ),
                );
            }
        }
    }
    stamps
}

/// PDFs in the member folders, and PDFs at the top of `out/` (the recap).
fn count_pdfs(out: &Path) -> (usize, usize) {
    let top = fs::read_dir(out)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    (pdf_stamps(out).len(), top)
}

/// The first member file of the campaign, in path order.
fn first_member_file(members: &Path) -> io::Result<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(members)?.flatten().map(|e| e.path()).collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)?.flatten().map(|e| e.path()).collect();
        files.sort();
        if let Some(file) = files
            .into_iter()
            .find(|f| f.extension().is_some_and(|e| e == "yaml"))
        {
            return Ok(file);
        }
    }
    Err(io::Error::other("the generated campaign has no member"))
}

fn print_header(adhesion: &Path, typst: Option<&TypstCli>, n: usize, work: &Path) {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    let age = fs::metadata(adhesion)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .map_or("?".to_owned(), |d| format!("{} min", d.as_secs() / 60));
    println!("# adhesion benchmark: {n} members");
    println!(
        "machine: {cores} cores, load average {} at start",
        load.join(" ")
    );
    println!("adhesion: {} (built {age} ago)", adhesion.display());
    match typst {
        Some(t) => {
            let warn = if t.version.contains(TYPST_VERSION) {
                ""
            } else {
                " (NOT the version the product embeds)"
            };
            println!("typst CLI: {} ({}){warn}", t.path.display(), t.version);
        }
        None => println!("typst CLI: not found"),
    }
    println!("working in {}", work.display());
}

fn print_table(rows: &[Row]) {
    println!();
    println!("| scenario | documents | wall time | documents/s | peak RSS | notes |");
    println!("|---|---:|---:|---:|---:|---|");
    for r in rows {
        let rate = if r.documents > 0 && !r.wall.is_zero() {
            format!("{:.1}", r.documents as f64 / r.wall.as_secs_f64())
        } else {
            "–".to_owned()
        };
        println!(
            "| {} | {} | {:.2} s | {rate} | {} | {} |",
            r.label,
            r.documents,
            r.wall.as_secs_f64(),
            r.peak_rss_kib.map_or("–".to_owned(), mib),
            r.note
        );
    }
}

fn print_ratios(rows: &[Row], build_rss: u64, small_rss: Option<u64>, n: usize) {
    let find = |prefix: &str| rows.iter().find(|r| r.label.starts_with(prefix));
    let build = find("(a) adhesion build");
    let speed = |r: &Row| r.documents as f64 / r.wall.as_secs_f64();
    if let (Some(a), Some(t)) = (build, find("(b) typst CLI, 2 at a time")) {
        println!(
            "adhesion build vs typst CLI 2 at a time: {:.1}x the documents/s",
            speed(a) / speed(t)
        );
    }
    if let (Some(a), Some(t)) = (build, find("(b) typst CLI, 1 at a time")) {
        println!(
            "adhesion build vs typst CLI 1 at a time: {:.1}x the documents/s",
            speed(a) / speed(t)
        );
    }
    if let (Some(a), Some(c)) = (build, find("(c)")) {
        println!(
            "no-change rebuild / full build: {:.2} of the time",
            c.wall.as_secs_f64() / a.wall.as_secs_f64()
        );
    }
    if let (Some(a), Some(t)) = (find("(d) adhesion"), find("(d) typst")) {
        println!(
            "one member ({} documents, process start included) vs one typst compile: {:.0} ms vs {:.0} ms",
            a.documents,
            a.wall.as_secs_f64() * 1e3,
            t.wall.as_secs_f64() * 1e3
        );
    }
    if let Some(small_rss) = small_rss.filter(|&r| r > 0) {
        println!(
            "peak RSS {n} members / {SMALL_CAMPAIGN} members: {} / {} = {:.2}",
            mib(build_rss),
            mib(small_rss),
            build_rss as f64 / small_rss as f64
        );
    }
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

fn list_secs(samples: &[Sample]) -> String {
    samples
        .iter()
        .map(|s| format!("{:.2} s", s.wall.as_secs_f64()))
        .collect::<Vec<_>>()
        .join(", ")
}
