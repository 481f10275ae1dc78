//! `floor-media-plot`: draw what `floor-media-bench --json FILE` wrote, as a PNG with three
//! panels against the number of listeners, one line per SFU: the server's CPU time per
//! delivered packet, the listeners' mean loss, and the p99 delay of all packets (log
//! scale, with the direct peer-to-peer baseline and the 5 ms target).
//!
//! Pure Rust (`plotters` with its bitmap backend and `ab_glyph` for text), so it builds
//! wherever the workspace does; the only thing it needs at run time is a TrueType font,
//! Debian's DejaVu Sans by default (`fonts-dejavu-core`), `--font` for another.
//!
//! Runs with light listeners (`--listener light`) are a series of their own, on the CPU
//! and loss panels only: they measure no delay.
//!
//! With several runs of one SFU at one listener count (several files, or `--rounds`),
//! every run is a dot and the line goes through their median.

use anyhow::{anyhow, bail, Context};
use clap::Parser;
use floor_bench::results::Report;
use plotters::prelude::*;
use plotters::style::FontStyle;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "floor-media-plot",
    about = "Plot floor-media-bench's JSON figures: server CPU per delivered packet, loss and p99 delay against the number of listeners, per SFU."
)]
struct Args {
    /// The JSON files `floor-media-bench --json` wrote.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The PNG to write.
    #[arg(long, default_value = "docs/media-bench.png")]
    out: PathBuf,
    /// A TrueType font for the text.
    #[arg(
        long,
        default_value = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    )]
    font: PathBuf,
    /// Size in pixels.
    #[arg(long, default_value_t = 1800)]
    width: u32,
    #[arg(long, default_value_t = 620)]
    height: u32,
}

/// What one run contributes to the plot.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    listeners: usize,
    us_per_packet: Option<f64>,
    /// The listeners' mean loss, in percent.
    loss_percent: f64,
    p99_ms: Option<f64>,
}

/// Per SFU (in the order first seen), its runs.
fn points(reports: &[Report]) -> Vec<(String, Vec<Point>)> {
    let mut out: Vec<(String, Vec<Point>)> = Vec::new();
    for r in reports {
        for run in &r.runs {
            let p = Point {
                listeners: run.listeners,
                us_per_packet: run.server_us_per_packet,
                loss_percent: run.loss_mean * 100.0,
                p99_ms: run.delay_ms.all_p99,
            };
            // Light listeners load the server the same way but measure no delay: their
            // runs are a series of their own.
            let mut name = if run.listener == "light" {
                format!("{}, light listeners", run.sfu)
            } else {
                run.sfu.clone()
            };
            // A meeting spread over nodes is a series of its own too.
            if run.nodes > 1 {
                name += &format!(", {} nodes", run.nodes);
            }
            match out.iter_mut().find(|(s, _)| *s == name) {
                Some((_, v)) => v.push(p),
                None => out.push((name, vec![p])),
            }
        }
    }
    out
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// The line through the median of `value` at each listener count.
fn medians(points: &[Point], value: impl Fn(&Point) -> Option<f64>) -> Vec<(f64, f64)> {
    let mut by_n: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
    for p in points {
        if let Some(v) = value(p) {
            by_n.entry(p.listeners).or_default().push(v);
        }
    }
    by_n.into_iter()
        .filter_map(|(n, v)| Some((n as f64, median(v)?)))
        .collect()
}

fn sfu_title(sfu: &str) -> String {
    let mut c = sfu.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn color(i: usize) -> RGBColor {
    [
        RGBColor(31, 119, 180),
        RGBColor(230, 120, 20),
        RGBColor(44, 160, 44),
        RGBColor(200, 40, 40),
    ][i % 4]
}

/// A log-scale axis range that holds every value with some room, on whole decades.
fn log_range(values: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| *v > 0.0)
        .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)));
    if lo > hi {
        return (0.1, 10.0);
    }
    (
        10f64.powf(lo.log10().floor()),
        10f64.powf((hi * 1.2).log10().ceil()),
    )
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let font = std::fs::read(&args.font).with_context(|| {
        format!(
            "reading the font {} (Debian: apt-get install fonts-dejavu-core; or pass --font)",
            args.font.display()
        )
    })?;
    plotters::style::register_font("sans-serif", FontStyle::Normal, Box::leak(font.into()))
        .map_err(|_| anyhow!("{} is not a font plotters can read", args.font.display()))?;

    let mut reports = Vec::new();
    for path in &args.inputs {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let r: Report = serde_json::from_str(&text)
            .with_context(|| format!("{} is not floor-media-bench JSON", path.display()))?;
        reports.push(r);
    }
    let series = points(&reports);
    if series.is_empty() {
        bail!("no runs in the input");
    }
    draw(&args, &reports, &series)?;
    eprintln!("wrote {}", args.out.display());
    Ok(())
}

fn draw(args: &Args, reports: &[Report], series: &[(String, Vec<Point>)]) -> anyhow::Result<()> {
    let root = BitMapBackend::new(&args.out, (args.width, args.height)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| anyhow!("{e:?}"))?;
    let first = &reports[0];
    let caption = format!(
        "floor-media-bench, {}: {} ({} CPUs), SFU behind {}{}; dots: runs, lines: their median",
        first.started_utc,
        first.machine.cpu_model,
        first.machine.cpus,
        if first.runs[0].network == "veth" {
            "a veth pair"
        } else {
            "loopback"
        },
        if first.command.contains(" --pin") {
            ", pinned to its own CPU"
        } else {
            ""
        },
    );
    let (top, body) = root.split_vertically(64);
    top.draw_text(
        "Media: one speaker with video, six booths, N listeners",
        &("sans-serif", 26).into_text_style(&top),
        (14, 6),
    )
    .map_err(|e| anyhow!("{e:?}"))?;
    top.draw_text(
        &caption,
        &("sans-serif", 15).into_text_style(&top),
        (14, 40),
    )
    .map_err(|e| anyhow!("{e:?}"))?;
    let panels = body.split_evenly((1, 3));
    let max_n = series
        .iter()
        .flat_map(|(_, v)| v.iter().map(|p| p.listeners))
        .max()
        .unwrap_or(1) as f64;
    let x_range = 0f64..(max_n * 1.08);

    // Left: server CPU per delivered packet.
    let max_us = series
        .iter()
        .flat_map(|(_, v)| v.iter().filter_map(|p| p.us_per_packet))
        .fold(0.0, f64::max);
    let mut left = ChartBuilder::on(&panels[0])
        .caption("Server CPU per delivered packet (µs)", ("sans-serif", 20))
        .margin(15)
        .x_label_area_size(45)
        .y_label_area_size(55)
        .build_cartesian_2d(x_range.clone(), 0f64..(max_us * 1.2).max(1.0))
        .map_err(|e| anyhow!("{e:?}"))?;
    left.configure_mesh()
        .x_desc("listeners")
        .y_desc("µs of server CPU / packet")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .light_line_style(RGBColor(238, 238, 238))
        .label_style(("sans-serif", 14))
        .draw()
        .map_err(|e| anyhow!("{e:?}"))?;
    for (i, (sfu, pts)) in series.iter().enumerate() {
        let c = color(i);
        left.draw_series(pts.iter().filter_map(|p| {
            Some(Circle::new(
                (p.listeners as f64, p.us_per_packet?),
                3,
                c.filled(),
            ))
        }))
        .map_err(|e| anyhow!("{e:?}"))?;
        left.draw_series(LineSeries::new(
            medians(pts, |p| p.us_per_packet),
            c.stroke_width(3),
        ))
        .map_err(|e| anyhow!("{e:?}"))?
        .label(sfu_title(sfu))
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3)));
    }
    left.configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .label_font(("sans-serif", 16))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(|e| anyhow!("{e:?}"))?;

    // Middle: the listeners' mean loss, in percent of what was sent to them.
    let max_loss = series
        .iter()
        .flat_map(|(_, v)| v.iter().map(|p| p.loss_percent))
        .fold(0.0, f64::max);
    let mut middle = ChartBuilder::on(&panels[1])
        .caption("Loss, mean of the listeners (%)", ("sans-serif", 20))
        .margin(15)
        .x_label_area_size(45)
        .y_label_area_size(55)
        .build_cartesian_2d(x_range.clone(), 0f64..(max_loss * 1.2).max(1.0))
        .map_err(|e| anyhow!("{e:?}"))?;
    middle
        .configure_mesh()
        .x_desc("listeners")
        .y_desc("% of the packets sent to them")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.1}"))
        .light_line_style(RGBColor(238, 238, 238))
        .label_style(("sans-serif", 14))
        .draw()
        .map_err(|e| anyhow!("{e:?}"))?;
    for (i, (sfu, pts)) in series.iter().enumerate() {
        let c = color(i);
        middle
            .draw_series(
                pts.iter()
                    .map(|p| Circle::new((p.listeners as f64, p.loss_percent), 3, c.filled())),
            )
            .map_err(|e| anyhow!("{e:?}"))?;
        middle
            .draw_series(LineSeries::new(
                medians(pts, |p| Some(p.loss_percent)),
                c.stroke_width(3),
            ))
            .map_err(|e| anyhow!("{e:?}"))?
            .label(sfu_title(sfu))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3)));
    }
    middle
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 16))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(|e| anyhow!("{e:?}"))?;

    // Right: p99 delay of all packets, log scale, with the baseline and the target. The
    // delay includes both client stacks, so the target (5 ms added by the server) is
    // drawn 5 ms above the direct connection's p99 when there is one.
    let baseline = reports
        .iter()
        .find_map(|r| r.baseline.as_ref()?.delay_ms.all_p99);
    let target = 5.0 + baseline.unwrap_or(0.0);
    let (lo, hi) = log_range(
        series
            .iter()
            .flat_map(|(_, v)| v.iter().filter_map(|p| p.p99_ms))
            .chain(baseline)
            .chain([target]),
    );
    let mut right = ChartBuilder::on(&panels[2])
        .caption("Delay p99, all packets (ms, log scale)", ("sans-serif", 20))
        .margin(15)
        .x_label_area_size(45)
        .y_label_area_size(55)
        .build_cartesian_2d(x_range.clone(), (lo..hi).log_scale())
        .map_err(|e| anyhow!("{e:?}"))?;
    right
        .configure_mesh()
        .x_desc("listeners")
        .y_desc("ms, publisher to listener")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| {
            if *y >= 1.0 {
                format!("{y:.0}")
            } else {
                format!("{y}")
            }
        })
        .light_line_style(RGBColor(238, 238, 238))
        .label_style(("sans-serif", 14))
        .draw()
        .map_err(|e| anyhow!("{e:?}"))?;
    let grey = RGBColor(120, 120, 120);
    if let Some(b) = baseline {
        right
            .draw_series(DashedLineSeries::new(
                [(0.0, b), (x_range.end, b)],
                6,
                4,
                grey.stroke_width(2),
            ))
            .map_err(|e| anyhow!("{e:?}"))?
            .label(format!("no server (p2p): {b:.1} ms"))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 24, y)], grey.stroke_width(2))
            });
    }
    let red = RGBColor(200, 30, 30);
    right
        .draw_series(DashedLineSeries::new(
            [(0.0, target), (x_range.end, target)],
            10,
            6,
            red.stroke_width(2),
        ))
        .map_err(|e| anyhow!("{e:?}"))?
        .label(if baseline.is_some() {
            "target: p2p p99 + 5 ms"
        } else {
            "target: 5 ms"
        })
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], red.stroke_width(2)));
    for (i, (sfu, pts)) in series.iter().enumerate() {
        // Light listeners measure no delay: nothing of theirs on this panel.
        if pts.iter().all(|p| p.p99_ms.is_none()) {
            continue;
        }
        let c = color(i);
        right
            .draw_series(
                pts.iter().filter_map(|p| {
                    Some(Circle::new((p.listeners as f64, p.p99_ms?), 3, c.filled()))
                }),
            )
            .map_err(|e| anyhow!("{e:?}"))?;
        right
            .draw_series(LineSeries::new(
                medians(pts, |p| p.p99_ms),
                c.stroke_width(3),
            ))
            .map_err(|e| anyhow!("{e:?}"))?
            .label(sfu_title(sfu))
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], c.stroke_width(3)));
    }
    right
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 16))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()
        .map_err(|e| anyhow!("{e:?}"))?;
    root.present()
        .with_context(|| format!("writing {}", args.out.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use floor_bench::results::{DelayMs, Machine, Run};

    fn run(sfu: &str, listeners: usize, us: f64, p99: f64) -> Run {
        Run {
            sfu: sfu.into(),
            round: 1,
            listeners,
            joined: listeners,
            network: "veth".into(),
            window_seconds: 10.0,
            expected_pps: 0.0,
            delivered_pps: 0.0,
            loss_mean: 0.0,
            loss_worst: 0.0,
            delay_ms: DelayMs {
                all_p99: Some(p99),
                ..Default::default()
            },
            server_cpu_percent: 0.0,
            server_us_per_packet: Some(us),
            server_rss_kib_per_peer: None,
            server_threads: None,
            bench_cpu_percent: 0.0,
            others_cpu_percent: 0.0,
            listener: "full".into(),
            light: None,
            nodes: 1,
            server_cpu_percent_per_node: vec![],
        }
    }

    fn report(runs: Vec<Run>) -> Report {
        Report {
            started_utc: "2026-12-02 10:00 UTC".into(),
            command: String::new(),
            machine: Machine {
                cpu_model: "AMD EPYC".into(),
                cpus: 2,
                memory_gib: 23.4,
                kernel: String::new(),
            },
            baseline: None,
            runs,
        }
    }

    #[test]
    fn runs_group_by_sfu_and_lines_go_through_medians() {
        let reports = vec![
            report(vec![
                run("floor", 10, 30.0, 2.0),
                run("janus", 10, 40.0, 3.0),
                run("floor", 50, 20.0, 6.0),
            ]),
            report(vec![
                run("floor", 10, 34.0, 4.0),
                run("floor", 10, 50.0, 1.0),
            ]),
        ];
        let s = points(&reports);
        assert_eq!(
            s.iter()
                .map(|(n, v)| (n.as_str(), v.len()))
                .collect::<Vec<_>>(),
            vec![("floor", 4), ("janus", 1)]
        );
        assert_eq!(
            medians(&s[0].1, |p| p.us_per_packet),
            vec![(10.0, 34.0), (50.0, 20.0)]
        );
        assert_eq!(
            medians(&s[0].1, |p| p.p99_ms),
            vec![(10.0, 2.0), (50.0, 6.0)]
        );
        assert_eq!(median(vec![4.0, 1.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
        assert_eq!(sfu_title("janus"), "Janus");

        let mut light = run("floor", 10, 31.0, 0.0);
        light.listener = "light".into();
        light.delay_ms = DelayMs::default();
        let s = points(&[report(vec![run("floor", 10, 30.0, 2.0), light])]);
        assert_eq!(
            s.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
            vec!["floor", "floor, light listeners"]
        );
        assert_eq!(sfu_title(&s[1].0), "Floor, light listeners");

        // Loss is drawn in percent of what was sent, for full and light listeners alike.
        let mut short = run("floor", 1000, 7.6, 0.0);
        short.listener = "light".into();
        short.loss_mean = 0.459;
        let s = points(&[report(vec![short])]);
        assert_eq!(
            medians(&s[0].1, |p| Some(p.loss_percent)),
            vec![(1000.0, 45.9)]
        );
    }

    #[test]
    fn log_ranges_cover_whole_decades() {
        assert_eq!(log_range([0.4, 5.0, 120.0].into_iter()), (0.1, 1000.0));
        assert_eq!(log_range([0.0].into_iter()), (0.1, 10.0));
    }

    #[test]
    fn a_plot_is_drawn_when_the_font_is_there() {
        let font = PathBuf::from("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        let Ok(bytes) = std::fs::read(&font) else {
            // Nothing to draw text with on this machine: the rest is tested above.
            return;
        };
        plotters::style::register_font("sans-serif", FontStyle::Normal, Box::leak(bytes.into()))
            .map_err(|_| anyhow!("font"))
            .unwrap();
        let out = std::env::temp_dir().join(format!("fb-plot-{}.png", std::process::id()));
        let args = Args {
            inputs: vec![],
            out: out.clone(),
            font,
            width: 800,
            height: 400,
        };
        let reports = vec![report(vec![
            run("floor", 10, 30.0, 2.0),
            run("janus", 10, 40.0, 3.0),
            run("floor", 50, 20.0, 6.0),
            run("janus", 50, 25.0, 9.0),
        ])];
        draw(&args, &reports, &points(&reports)).unwrap();
        let png = std::fs::read(&out).unwrap();
        let _ = std::fs::remove_file(&out);
        assert_eq!(&png[1..4], b"PNG");
    }
}
