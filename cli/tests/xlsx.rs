//! Excel through `tuoyu batch`: claims typed as numbers, dates and text read alike; reports
//! written as values; every direction (xlsx ↔ csv ↔ jsonl); the claims template reads back.
#![forbid(unsafe_code)]

use calamine::{open_workbook, open_workbook_auto, Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tuoyu(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_tuoyu"))
        .args(args)
        .output()
        .expect("run tuoyu");
    assert!(
        out.status.success(),
        "tuoyu {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A temporary folder of its own per test (they run in parallel).
fn dir(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tuoyu-xlsx-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

const EN: [&str; 12] = [
    "id",
    "year",
    "legal_form",
    "community_based",
    "service_modes",
    "filed_with_health_commission",
    "vat",
    "childcare_revenue",
    "property_tenure",
    "property_original_value",
    "property_used_from",
    "claimed_vat_exempt_sales",
];
const ZH: [&str; 12] = [
    "申报编号",
    "所属年度",
    "举办者类型",
    "是否依托社区",
    "服务方式",
    "是否已备案",
    "增值税纳税人类型",
    "托育服务收入",
    "房产取得方式",
    "房产原值",
    "房产开始使用日期",
    "申报免税销售额",
];

/// The claims as CSV text, and the same claims in a workbook with typed cells.
fn claims(dir: &Path) -> (PathBuf, PathBuf) {
    let csv = "id,year,legal_form,community_based,service_modes,filed_with_health_commission,vat,childcare_revenue,property_tenure,property_original_value,property_used_from,claimed_vat_exempt_sales\n\
        x-1,2026,enterprise,true,full_day,true,general,1200000,owned,2000000,2026-03-01,1200000\n\
        x-2,2026,enterprise,true,full_day,true,general,1200000,owned,2000000,2026-03-01,1200000\n\
        x-3,2026,enterprise,true,full_day,true,general,1200000,owned,2000000,2026-03-01,1300000\n\
        =cmd,2026,enterprise,maybe,full_day,true,general,1200000,owned,2000000,2026-03-01,1200000\n";
    let csv_path = dir.join("claims.csv");
    std::fs::write(&csv_path, csv).expect("write csv");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ZH.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    let date = XFormat::new().set_num_format("yyyy-mm-dd");
    let when = ExcelDateTime::from_ymd(2026, 3, 1).expect("date");
    for (r, id) in ["x-1", "x-2", "x-3", "=cmd"].iter().enumerate() {
        let row = r as u32 + 1;
        ws.write_string(row, 0, *id).expect("id");
        ws.write_number(row, 1, 2026).expect("year");
        ws.write_string(row, 2, "enterprise").expect("form");
        if *id == "=cmd" {
            ws.write_string(row, 3, "maybe").expect("bool");
        } else {
            ws.write_boolean(row, 3, true).expect("bool");
        }
        ws.write_string(row, 4, "full_day").expect("modes");
        ws.write_string(row, 5, "true").expect("filed");
        ws.write_string(row, 6, "general").expect("vat");
        // A typed number, text with thousands separators, and plain text: the same amount.
        match r {
            0 => ws.write_number(row, 7, 1_200_000).expect("r"),
            1 => ws.write_string(row, 7, "1,200,000").expect("r"),
            _ => ws.write_string(row, 7, "1200000").expect("r"),
        };
        ws.write_string(row, 8, "owned").expect("tenure");
        ws.write_number(row, 9, 2_000_000).expect("value");
        // A date cell, a bare serial, and text.
        match r {
            0 => ws
                .write_datetime_with_format(row, 10, &when, &date)
                .expect("d"),
            1 => ws.write_number(row, 10, 46082).expect("d"),
            _ => ws.write_string(row, 10, "2026-03-01").expect("d"),
        };
        let claimed = if *id == "x-3" { 1_300_000 } else { 1_200_000 };
        ws.write_number(row, 11, claimed).expect("claimed");
    }
    // A blank row, then one more claim: its report says row 7.
    for (c, v) in [
        "x-7",
        "2026",
        "enterprise",
        "true",
        "full_day",
        "true",
        "general",
        "1200000",
        "owned",
        "2000000",
        "2026-03-01",
        "1200000",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(6, c as u16, *v).expect("row 7");
    }
    let xlsx_path = dir.join("claims.xlsx");
    wb.save(&xlsx_path).expect("save xlsx");
    let _ = EN;
    (csv_path, xlsx_path)
}

fn reports(p: &Path) -> Vec<Value> {
    std::fs::read_to_string(p)
        .expect("reports")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect()
}

#[test]
fn typed_cells_read_as_their_text_and_every_direction_works() {
    let d = dir("directions");
    let (csv, xlsx) = claims(&d);
    let from_xlsx = d.join("from-xlsx.jsonl");
    let from_csv = d.join("from-csv.jsonl");
    tuoyu(&["batch", "-q", "-i", s(&xlsx), "-o", s(&from_xlsx)]);
    tuoyu(&["batch", "-q", "-i", s(&csv), "-o", s(&from_csv)]);
    let a = reports(&from_xlsx);
    let b = reports(&from_csv);
    let lines: Vec<u64> = a.iter().map(|r| r["line"].as_u64().unwrap_or(0)).collect();
    assert_eq!(lines, [2, 3, 4, 5, 7], "Excel row numbers");
    let verdicts: Vec<&str> = a
        .iter()
        .map(|r| r["verdict"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        verdicts,
        ["match", "match", "over_claimed", "invalid_input", "match"]
    );
    for (x, c) in a.iter().zip(&b) {
        // The same claims give the same items (the CSV file numbers its lines alike but for the blank row).
        assert_eq!(x["items"], c["items"], "{x} vs {c}");
    }

    // xlsx → xlsx: values, not formulas; numbers as numbers.
    let out = d.join("reports.xlsx");
    tuoyu(&["batch", "-q", "-i", s(&xlsx), "-o", s(&out)]);
    let mut wb = open_workbook_auto(&out).expect("reports workbook");
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).expect("sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows[0][0], Data::String("line".into()));
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[1][0], Data::Float(2.0));
    assert_eq!(
        rows[4][1],
        Data::String("=cmd".into()),
        "text, never a formula"
    );
    let over = rows[0]
        .iter()
        .position(|h| *h == Data::String("over_claimed_amount".into()));
    assert_eq!(rows[3][over.expect("column")], Data::Float(100_000.0));
    // The sheet is named in the report's language; money shows as #,##0.00 (the line does not).
    assert_eq!(name, "Verification");
    let mut book: Xlsx<_> = open_workbook(&out).expect("reports workbook");
    let styles = book.worksheet_style(&name).expect("styles");
    let format = |r: u32, c: usize| {
        let c = u32::try_from(c).expect("column");
        styles
            .get((r, c))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
    };
    assert_eq!(
        format(3, over.expect("column")).as_deref(),
        Some("#,##0.00")
    );
    assert_ne!(
        format(1, 0).as_deref(),
        Some("#,##0.00"),
        "the line is no money"
    );
    // In Chinese: 核对结果, and an id that looks like a formula is the id, without CSV's `'`.
    let zh = d.join("reports-zh.xlsx");
    tuoyu(&["batch", "-q", "--lang", "zh", "-i", s(&xlsx), "-o", s(&zh)]);
    let mut wb = open_workbook_auto(&zh).expect("reports workbook");
    assert_eq!(wb.sheet_names(), ["核对结果"]);
    let range = wb.worksheet_range("核对结果").expect("sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows[4][1], Data::String("=cmd".into()), "no ' before it");

    // csv → xlsx and xlsx → csv.
    let out2 = d.join("reports2.xlsx");
    tuoyu(&["batch", "-q", "-i", s(&csv), "-o", s(&out2)]);
    assert!(open_workbook_auto(&out2).is_ok());
    let out3 = d.join("reports3.csv");
    tuoyu(&["batch", "-q", "-i", s(&xlsx), "-o", s(&out3)]);
    let text = std::fs::read_to_string(&out3).expect("csv");
    assert_eq!(text.lines().count(), 6);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn the_templates_list_every_column_and_read_back_as_their_example_claim() {
    use calc_core::frontend::flat;
    let d = dir("templates");
    let want: Vec<String> = flat::template_columns()
        .into_iter()
        .map(|c| c.name)
        .collect();
    for ext in ["xlsx", "csv"] {
        let t = d.join(format!("template.{ext}"));
        tuoyu(&["template", "-o", s(&t)]);
        let out = d.join(format!("t-{ext}.jsonl"));
        tuoyu(&["batch", "-q", "-i", s(&t), "-o", s(&out)]);
        // One claim, the example row: every item claimed as recomputed.
        let text = std::fs::read_to_string(&out).expect("out");
        let reports: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("report"))
            .collect();
        assert_eq!(reports.len(), 1, "{text}");
        assert_eq!(reports[0]["verdict"], "match", "{text}");
        assert_eq!(reports[0]["line"], 2);
        assert_eq!(reports[0]["items"].as_array().map(Vec::len), Some(5));
        // The header row is every column the reader accepts (to the second item), each read
        // as its English name.
        let header: Vec<String> = if ext == "csv" {
            let bytes = std::fs::read(&t).expect("template");
            assert!(bytes.starts_with(b"\xef\xbb\xbf"), "a BOM for Excel");
            let text = String::from_utf8(bytes).expect("utf-8");
            let first = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches('\u{feff}');
            first.split(',').map(str::to_string).collect()
        } else {
            let mut wb = open_workbook_auto(&t).expect("template");
            let r = wb.worksheet_range("申报").expect("sheet 1");
            r.rows()
                .next()
                .expect("header")
                .iter()
                .map(|c| c.to_string())
                .collect()
        };
        let refs: Vec<&str> = header.iter().map(String::as_str).collect();
        let h = flat::ClaimHeaders::new(&refs).expect("the header reads");
        assert_eq!(h.names(), want, "{ext}");
        for name in [
            "vat_period",
            "nursery_vat_law",
            "region",
            "land_used_from",
            "land_used_to",
            "property2_tenure",
            "property2_original_value",
            "property2_used_to",
        ] {
            assert!(h.names().iter().any(|n| n == name), "{ext} lacks {name}");
        }
    }
    let t = d.join("template.xlsx");
    let mut wb = open_workbook_auto(&t).expect("template");
    assert_eq!(wb.sheet_names(), ["申报", "填写说明"]);
    let help = wb.worksheet_range("填写说明").expect("sheet 2");
    assert!(help.rows().count() > 30);
    // The explanation sheet is not a claims sheet: naming it gives a header error.
    let out = Command::new(env!("CARGO_BIN_EXE_tuoyu"))
        .args([
            "batch",
            "-q",
            "--sheet",
            "填写说明",
            "-i",
            s(&t),
            "-o",
            s(&d.join("x.jsonl")),
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown columns"));
    let _ = std::fs::remove_dir_all(&d);
}
