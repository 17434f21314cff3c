#!/usr/bin/env python3
"""Writes fixtures/*.json: worked cases, each with its arithmetic and legal basis.

The expected figures were worked out by hand (the arithmetic is in each file); this script only
lays them out as JSON so the shared facility stays consistent. Run it from the repository root.
"""
import copy, json, os

FAC = {"legal_form": "enterprise", "community_based": True, "service_modes": ["full_day", "half_day"],
       "filed_with_health_commission": True, "location_class": "urban"}
A76 = "财政部等六部门公告2019年第76号"
A7 = "财政部等六部门公告2026年第7号"

def req(year, **kw):
    r = {"schema": "tuoyu.request.v1", "year": year, "facility": copy.deepcopy(FAC)}
    fac = kw.pop("facility", None)
    if fac:
        r["facility"].update(fac)
    r.update(kw)
    return r

def L(status, amount=None, base=None):
    d = {"status": status}
    if amount is not None:
        d["amount"] = amount
    if base is not None:
        d["base"] = base
    return d

SPEC = json.load(open(os.path.join(os.path.dirname(__file__), "..", "fixtures", "examples", "request.json")))

F = []
def fx(name, description, basis, arithmetic, request, expect):
    F.append((name, {"name": name, "description": description, "basis": basis,
                     "arithmetic": arithmetic, "request": request, "expect": expect}))

fx("spec-example-2026", "The SPEC §9 sample: a general taxpayer that is a small low-profit enterprise, every line present.",
   [A7 + " 一（一）—（四）、二", "《增值税法》第十条", "财政部 税务总局公告2023年第12号 第二、三条"],
   ["R = 1,800,000 × 12/12 = 1,800,000.00",
    "vat_exemption = 1,800,000 × 6% ÷ 1.06 − 12,000 × 12/12 = 101,886.79 − 12,000 = 89,886.79",
    "vat_surcharges = 89,886.7924… × (7% + 3% + 2%) × (1 − 50%) = 5,393.21 (small low-profit: 六税两费 halved)",
    "cit base = 1,800,000 × 10% = 180,000; tax(3,100,000) = 25% × 3,100,000 = 775,000; tax(2,920,000) = 5% × 2,920,000 = 146,000 (under the 3,000,000 cap); saving 629,000",
    "property_tax = 2,000,000 × (1 − 30%) × 1.2% × 12/12 × (1 − 50%) = 8,400",
    "property_tax_leased = 240,000 × 12% × 10/12 (Mar–Dec) = 24,000 (landlord)",
    "land_use_tax = 600 × 9 × 12/12 × (1 − 50%) = 2,700",
    "deed_tax = 3,000,000 × 3% = 90,000",
    "registration_fee = 1 × 550 = 550; farmland and land reclamation 0 (applies, 0.00); land idle: not idle a year → not_applicable",
    "infrastructure_fee = 1,200 × 180 = 216,000; air_defence_fee = 300 × 2,000 = 600,000",
    "utilities: 60,000 × 0.14 = 8,400; 3,000 × 0.90 = 2,700; 2,400 × 2.15 = 5,160; 12 × 200 = 2,400",
    "total = 1,660,590.00; total_landlord = 24,000.00"],
   SPEC,
   {"lines": {"vat_exemption": L("applies", "89886.79", "1800000.00"), "vat_surcharges": L("applies", "5393.21"),
              "cit_income_reduction": L("applies", "629000.00", "180000.00"), "property_tax": L("applies", "8400.00"),
              "property_tax_leased": L("applies", "24000.00"), "land_use_tax": L("applies", "2700.00"),
              "land_use_tax_leased": L("not_applicable", "0.00"), "deed_tax": L("applies", "90000.00", "3000000.00"),
              "registration_fee": L("applies", "550.00"), "farmland_reclamation_fee": L("applies", "0.00"),
              "land_reclamation_fee": L("applies", "0.00"), "land_idle_fee": L("not_applicable"),
              "infrastructure_fee": L("applies", "216000.00"), "air_defence_fee": L("applies", "600000.00"),
              "utility_electricity": L("applies", "8400.00"), "utility_gas": L("applies", "2700.00"),
              "utility_water": L("applies", "5160.00"), "utility_broadband": L("applies", "2400.00")},
    "total": "1660590.00", "total_landlord": "24000.00"})

fx("general-2019-seven-months", "2019: only June–December is inside the 76号 window (7 eligible months); a building used only until March adds 0.",
   [A76 + " 一（一）、一（二）、二", "财税〔2016〕36号"],
   ["eligible months 2019 = Jun–Dec = 7",
    "R = 1,200,000 × 7/12 = 700,000.00",
    "vat_exemption = 700,000 × 6% ÷ 1.06 = 39,622.6415… → 39,622.64 (no input VAT given: an upper bound, with a warning)",
    "vat_surcharges = 39,622.6415… × 12% = 4,754.7170… → 4,754.72 (not small: no halving)",
    "cit: base = 700,000 × 10% = 70,000; not small low-profit: 70,000 × 25% = 17,500",
    "property_tax: properties[0] 1,000,000 × 70% × 1.2% × 7/12 = 4,900; properties[1] used to 2019-03-31 has no month in force → 0 with a note",
    "total = 39,622.64 + 4,754.72 + 17,500 + 4,900 = 66,777.36"],
   req(2019, taxpayer={"vat": "general"}, revenue={"childcare": "1200000"}, income_tax={"taxable_income": "800000"},
       properties=[{"tenure": "owned", "original_value": "1000000"},
                   {"tenure": "owned", "original_value": "500000", "used_to": "2019-03-31"}]),
   {"eligible_months": 7,
    "lines": {"vat_exemption": L("applies", "39622.64", "700000.00"), "vat_surcharges": L("applies", "4754.72"),
              "cit_income_reduction": L("applies", "17500.00", "70000.00"), "property_tax": L("applies", "4900.00")},
    "total": "66777.36", "total_landlord": "0.00"})

fx("small-scale-2026-above-threshold", "A small-scale taxpayer in 2026 whose monthly sales net of VAT exceed 100,000: every month taxed at 1%.",
   [A7 + " 一（一）", "财政部 税务总局公告2026年第10号"],
   ["monthly revenue 1,500,000 / 12 = 125,000; sales net of VAT = 125,000 / 1.01 = 123,762.38 > 100,000 → taxed",
    "vat_exemption = 1,500,000 × 1% ÷ 1.01 = 14,851.4851… → 14,851.49",
    "vat_surcharges = 14,851.4851… × 12% × (1 − 50%) = 891.0891… → 891.09 (small-scale: halved)",
    "total = 15,742.58"],
   req(2026, taxpayer={"vat": "small_scale"}, revenue={"childcare": "1500000"}),
   {"lines": {"vat_exemption": L("applies", "14851.49", "1500000.00"), "vat_surcharges": L("applies", "891.09")},
    "total": "15742.58"})

fx("small-scale-2026-net-below-threshold", "Gross monthly revenue of exactly 100,000 is 99,009.90 net of VAT: under the threshold, so the months would be exempt anyway — the line applies with 0.00.",
   [A7 + " 一（一）", "财政部 税务总局公告2026年第10号", "《增值税法》第二十三条"],
   ["monthly revenue 1,200,000 / 12 = 100,000; sales = 100,000 / 1.01 = 99,009.90 < 100,000 → exempt anyway",
    "vat_exemption = 0.00 (applies, with a note); vat_surcharges = 0.00"],
   req(2026, taxpayer={"vat": "small_scale"}, revenue={"childcare": "1200000", "other": "0"}),
   {"lines": {"vat_exemption": L("applies", "0.00", "1200000.00"), "vat_surcharges": L("applies", "0.00")},
    "total": "0.00"})

fx("small-scale-2026-other-revenue-crosses", "Other revenue counts toward the monthly threshold, but only childcare revenue is exempt.",
   [A7 + " 一（一）", "财政部 税务总局公告2026年第10号"],
   ["monthly sales = (90,000 + 20,000) / 1.01 = 108,910.89 > 100,000 → taxed",
    "vat_exemption = 1,080,000 × 1% ÷ 1.01 = 10,693.0693… → 10,693.07",
    "vat_surcharges = 10,693.0693… × 12% × 50% = 641.5842… → 641.58"],
   req(2026, taxpayer={"vat": "small_scale"}, revenue={"childcare": "1080000", "other": "240000"}),
   {"lines": {"vat_exemption": L("applies", "10693.07", "1080000.00"), "vat_surcharges": L("applies", "641.58")}})

fx("small-scale-2023-monthly-array", "Monthly revenue: January–June under the threshold (exempt anyway), July–December above it.",
   [A76 + " 一（一）", "财政部 税务总局公告2023年第1号、第19号"],
   ["Jan–Jun: 50,000 / 1.01 = 49,504.95 ≤ 100,000 → 0",
    "Jul–Dec: 150,000 / 1.01 = 148,514.85 > 100,000 → 6 × 150,000 × 1% ÷ 1.01 = 8,910.8911… → 8,910.89",
    "R = 6 × 50,000 + 6 × 150,000 = 1,200,000.00",
    "vat_surcharges = 8,910.8911… × 12% × 50% = 534.6535… → 534.65"],
   req(2023, taxpayer={"vat": "small_scale"}, revenue={"childcare": ["50000"] * 6 + ["150000"] * 6}),
   {"lines": {"vat_exemption": L("applies", "8910.89", "1200000.00"), "vat_surcharges": L("applies", "534.65")}})

fx("small-scale-2020-rate-change", "2020: the levy rate is 3% in January–February and 1% from March (公告2020年第13号); the SLPE scale of 财税〔2019〕13号.",
   [A76 + " 一（一）、一（二）", "财政部 税务总局公告2020年第13号", "财税〔2019〕13号"],
   ["200,000 a month, sales above 100,000 every month",
    "Jan–Feb: 2 × 200,000 × 3% ÷ 1.03 = 11,650.4854…; Mar–Dec: 10 × 200,000 × 1% ÷ 1.01 = 19,801.9802…",
    "vat_exemption = 31,452.4656… → 31,452.47",
    "vat_surcharges = 31,452.4656… × 12% × 50% = 1,887.1479… → 1,887.15",
    "cit: base = 240,000; tax(900,000) = 900,000 × 5% = 45,000; tax(660,000) = 33,000; saving 12,000"],
   req(2020, taxpayer={"vat": "small_scale", "small_low_profit": True}, revenue={"childcare": "2400000"},
       income_tax={"taxable_income": "900000"}),
   {"lines": {"vat_exemption": L("applies", "31452.47", "2400000.00"), "vat_surcharges": L("applies", "1887.15"),
              "cit_income_reduction": L("applies", "12000.00", "240000.00")}})

fx("small-scale-2022-zero-rate", "2022: 1% to March, 0% from April (公告2022年第15号), threshold 150,000; the 2022 SLPE scale.",
   [A76 + " 一（一）、一（二）", "财政部 税务总局公告2022年第15号", "财政部 税务总局公告2022年第13号"],
   ["Jan–Mar: 200,000 / 1.01 > 150,000 → 3 × 200,000 × 1% ÷ 1.01 = 5,940.5941…; Apr–Dec at 0% → 0",
    "vat_exemption = 5,940.59; vat_surcharges = 5,940.5941… × 12% × 50% = 356.4356… → 356.44",
    "cit: base 240,000; tax(1,500,000) = 1,000,000 × 2.5% + 500,000 × 5% = 50,000; tax(1,260,000) = 25,000 + 13,000 = 38,000; saving 12,000"],
   req(2022, taxpayer={"vat": "small_scale", "small_low_profit": True}, revenue={"childcare": "2400000"},
       income_tax={"taxable_income": "1500000"}),
   {"lines": {"vat_exemption": L("applies", "5940.59", "2400000.00"), "vat_surcharges": L("applies", "356.44"),
              "cit_income_reduction": L("applies", "12000.00", "240000.00")}})

fx("cit-cliff-crossed-2025", "The reduction brings taxable income under the 3,000,000 cap: the whole income changes rate.",
   [A76 + " 一（二）", "财政部 税务总局公告2023年第12号 第三条"],
   ["base = 2,000,000 × 10% = 200,000",
    "tax(3,150,000) = 3,150,000 × 25% = 787,500 (above the cap)",
    "tax(2,950,000) = 2,950,000 × 5% = 147,500 (at or under the cap)",
    "saving = 640,000.00 — far more than 200,000 × 25%"],
   req(2025, taxpayer={"vat": "general", "small_low_profit": True}, revenue={"childcare": "2000000"},
       income_tax={"taxable_income": "3150000"}),
   {"lines": {"cit_income_reduction": L("applies", "640000.00", "200000.00")}})

fx("cit-cliff-not-crossed-2025", "Still above the cap after the reduction: 25% of the reduction.",
   [A76 + " 一（二）", "《企业所得税法》第四条"],
   ["base = 200,000; TI − base = 3,100,000 > 3,000,000", "saving = 787,500... → 3,300,000 × 25% − 3,100,000 × 25% = 50,000"],
   req(2025, taxpayer={"vat": "general", "small_low_profit": True}, revenue={"childcare": "2000000"},
       income_tax={"taxable_income": "3300000"}),
   {"lines": {"cit_income_reduction": L("applies", "50000.00", "200000.00")}})

fx("cit-loss-year-2024", "A loss year: no saving now (applies, 0.00); the loss carried forward grows by the base.",
   [A76 + " 一（二）"],
   ["base = 1,000,000 × 10% = 100,000; TI = −50,000 ≤ 0 → tax(TI) = 0 → saving 0.00"],
   req(2024, taxpayer={"vat": "general"}, revenue={"childcare": "1000000"}, income_tax={"taxable_income": "-50000"}),
   {"lines": {"cit_income_reduction": L("applies", "0.00", "100000.00")}})

fx("cit-reduction-exceeds-income-2024", "The reduction exceeds taxable income: the saving is the whole tax.",
   [A76 + " 一（二）", "财政部 税务总局公告2023年第12号 第三条"],
   ["base = 100,000 > TI = 60,000 → saving = tax(60,000) = 60,000 × 5% = 3,000"],
   req(2024, taxpayer={"vat": "general", "small_low_profit": True}, revenue={"childcare": "1000000"},
       income_tax={"taxable_income": "60000"}),
   {"lines": {"cit_income_reduction": L("applies", "3000.00", "100000.00")}})

FULL = dict(taxpayer={"vat": "general"}, revenue={"childcare": "1000000"}, income_tax={"taxable_income": "500000"},
            properties=[{"tenure": "owned", "original_value": "1000000"}], land=[{"area_m2": "100", "tax_per_m2": "10"}],
            acquisitions=[{"kind": "house", "price": "1000000"}], fees={"registrations": 1},
            utilities={"electricity": {"kwh": "10000", "commercial_price": "0.60", "household_price": "0.45"}})

r = req(2018, **copy.deepcopy(FULL)); r["acquisitions"][0]["date"] = "2018-05-01"
fx("year-2018-not-in-force", "2018 is before the preferences (they start on 2019-06-01): every community line is not_in_force; utilities still apply.",
   [A76 + " 执行期"], ["no month of 2018 is inside a window → not_in_force", "utility_electricity = 10,000 × (0.60 − 0.45) = 1,500"],
   r, {"eligible_months": 0,
       "lines": {"vat_exemption": L("not_in_force", "0.00"), "vat_surcharges": L("not_in_force"), "cit_income_reduction": L("not_in_force"),
                 "property_tax": L("not_in_force"), "land_use_tax": L("not_in_force"), "deed_tax": L("not_in_force"),
                 "registration_fee": L("not_in_force"), "utility_electricity": L("applies", "1500.00")},
       "total": "1500.00"})

r = req(2028, **copy.deepcopy(FULL)); r["acquisitions"][0]["date"] = "2028-05-01"
fx("year-2028-not-in-force", "2028 is after 2027-12-31: not_in_force, with the message that the preferences run to 2027-12-31 (2028 is after that) and may be extended; the VAT line warns about VAT Law art.24(7).",
   [A7 + " 执行期", "《增值税法》第二十四条"], ["no month of 2028 is inside a window → not_in_force", "utility_electricity = 1,500"],
   r, {"eligible_months": 0,
       "lines": {"vat_exemption": L("not_in_force", "0.00"), "cit_income_reduction": L("not_in_force"), "property_tax": L("not_in_force"),
                 "land_use_tax": L("not_in_force"), "deed_tax": L("not_in_force"), "registration_fee": L("not_in_force"),
                 "utility_electricity": L("applies", "1500.00")},
       "total": "1500.00"})

r = req(2028, **copy.deepcopy(FULL)); r["acquisitions"][0]["date"] = "2028-05-01"
r["parameters"] = {"national.community.preferences_in_force": True, "national.community.income_inclusion_ratio": "0.9"}
fx("override-extension-2028", "What if the preferences are extended into 2028? Overriding the window parameter makes every month eligible; the 90% ratio, whose series also ends in 2027, must be overridden too (without it the CIT line reports that no value is in force on 2028-01-01). The statement marks both overrides.",
   ["request.parameters"],
   ["R = 1,000,000; VAT = 1,000,000 × 6% ÷ 1.06 = 56,603.7736… → 56,603.77",
    "surcharges = 56,603.7736… × 12% = 6,792.4528… → 6,792.45",
    "cit base 100,000 × 25% = 25,000", "property 1,000,000 × 70% × 1.2% = 8,400", "land 100 × 10 = 1,000",
    "deed 1,000,000 × 3% = 30,000", "registration 550", "electricity 1,500",
    "total = 56,603.77 + 6,792.45 + 25,000 + 8,400 + 1,000 + 30,000 + 550 + 1,500 = 129,846.22"],
   r, {"eligible_months": 12,
       "lines": {"vat_exemption": L("applies", "56603.77"), "vat_surcharges": L("applies", "6792.45"),
                 "cit_income_reduction": L("applies", "25000.00", "100000.00"), "property_tax": L("applies", "8400.00"),
                 "land_use_tax": L("applies", "1000.00"), "deed_tax": L("applies", "30000.00"), "registration_fee": L("applies", "550.00")},
       "total": "129846.22"})

r = req(2026, **copy.deepcopy(FULL)); r["acquisitions"][0]["date"] = "2026-05-01"
r["facility"]["legal_form"] = "individual_business"
fx("not-eligible-individual-business", "An individual business (个体工商户) is not an enterprise, public institution or social organisation (art.三): every community line is not_eligible; utilities depend only on the filing.",
   [A7 + " 三"], ["legal_form = individual_business → not_eligible, with the failed condition and its article", "utility_electricity = 1,500"],
   r, {"lines": {"vat_exemption": L("not_eligible", "0.00"), "vat_surcharges": L("not_eligible"), "cit_income_reduction": L("not_eligible"),
                 "property_tax": L("not_eligible"), "land_use_tax": L("not_eligible"), "deed_tax": L("not_eligible"),
                 "registration_fee": L("not_eligible"), "utility_electricity": L("applies", "1500.00")},
       "total": "1500.00"})

r = req(2026, **copy.deepcopy(FULL)); r["acquisitions"][0]["date"] = "2026-05-01"
r["facility"]["community_based"] = False
fx("not-eligible-not-community", "Care not from fixed premises in a community fails art.三.",
   [A7 + " 三"], ["community_based = false → not_eligible"],
   r, {"lines": {"vat_exemption": L("not_eligible"), "property_tax": L("not_eligible"), "deed_tax": L("not_eligible"),
                 "utility_electricity": L("applies", "1500.00")}})

r = req(2026, **copy.deepcopy(FULL)); r["acquisitions"][0]["date"] = "2026-05-01"
r["facility"]["filed_with_health_commission"] = False
fx("not-filed-2026", "Not filed with the health commission: the tax lines still apply (with a warning — the tax texts do not require filing); utilities at household prices are not_eligible.",
   [A7, "晋宁区实施方案 四（十三）、五（三）"],
   ["VAT 56,603.77; surcharges 6,792.45; cit 25,000; property 8,400; land 1,000; deed 30,000; registration 550",
    "utility_electricity: not filed → not_eligible",
    "total = 128,346.22"],
   r, {"lines": {"vat_exemption": L("applies", "56603.77"), "property_tax": L("applies", "8400.00"),
                 "utility_electricity": L("not_eligible", "0.00")},
       "total": "128346.22"})

fx("tenures-partial-use-2026", "Owned and free-use buildings with partial use, halved for a small-scale taxpayer; leased building and land go to the landlord, never halved.",
   [A7 + " 二", "《房产税暂行条例》第三、四条", "财政部 税务总局公告2023年第12号 第二条"],
   ["properties[0] owned 3,000,000 used from 2026-04-15 → Apr–Dec 9 months: 3,000,000 × 70% × 1.2% × 9/12 × 50% = 9,450",
    "properties[1] free use 1,200,000 used to 2026-06-30 → Jan–Jun 6 months: 1,200,000 × 70% × 1.2% × 6/12 × 50% = 2,520",
    "property_tax = 11,970.00",
    "properties[2] leased, rent 120,000, lease 2025-07-01 – 2026-08-31 → Jan–Aug 8 months: 120,000 × 12% × 8/12 = 9,600 (landlord)",
    "land[0] owned 500 m² × 12 × 12/12 × 50% = 3,000",
    "land[1] leased 800 m² × 6 from 2026-10-01 → Oct–Dec 3 months: 800 × 6 × 3/12 = 1,200 (landlord)",
    "total = 11,970 + 3,000 = 14,970.00; total_landlord = 9,600 + 1,200 = 10,800.00"],
   req(2026, taxpayer={"vat": "small_scale"},
       properties=[{"tenure": "owned", "original_value": "3000000", "used_from": "2026-04-15"},
                   {"tenure": "free_use", "original_value": "1200000", "used_to": "2026-06-30"},
                   {"tenure": "leased", "annual_rent": "120000", "used_from": "2025-07-01", "used_to": "2026-08-31"}],
       land=[{"area_m2": "500", "tax_per_m2": "12"},
             {"area_m2": "800", "tax_per_m2": "6", "tenure": "leased", "used_from": "2026-10-01"}]),
   {"lines": {"property_tax": L("applies", "11970.00"), "property_tax_leased": L("applies", "9600.00"),
              "land_use_tax": L("applies", "3000.00"), "land_use_tax_leased": L("applies", "1200.00"),
              "vat_exemption": L("not_applicable")},
    "total": "14970.00", "total_landlord": "10800.00"})

fx("property-used-before-window-2019", "A building used only until May 2019 touches the year but no month in force: not_in_force.",
   [A76 + " 二"], ["use Jan–May 2019; eligible months start in June → 0 counted months → not_in_force"],
   req(2019, properties=[{"tenure": "owned", "original_value": "1000000", "used_to": "2019-05-31"}],
       land=[{"area_m2": "100", "tax_per_m2": "5", "used_from": "2020-01-01"}]),
   {"lines": {"property_tax": L("not_in_force", "0.00"), "land_use_tax": L("not_applicable", "0.00")}})

fx("deed-and-dated-fees-2026", "Dated items: counted only in the assessed year and in a window.",
   [A7 + " 一（三）、一（四）", "发改价格规〔2016〕2559号", "《闲置土地处置办法》第十四条"],
   ["deed_tax: acquisitions[0] 2026-02-01 1,000,000 × 3% = 30,000; acquisitions[1] dated 2025-12-20 → not counted (note)",
    "registration_fee = 2 × 550 + 1 × 80 = 1,180",
    "farmland_reclamation_fee (undated) = 1,000 × 30 = 30,000",
    "land_reclamation_fee dated 2026-07-01 = 50,000",
    "land_idle_fee = 2,000,000 × 20% = 400,000",
    "infrastructure_fee dated 2025-03-01 → not_applicable (another year)",
    "air_defence_fee: geology does not prevent the basement → not_eligible",
    "total = 30,000 + 1,180 + 30,000 + 50,000 + 400,000 = 511,180.00"],
   req(2026, acquisitions=[{"kind": "house", "price": "1000000", "date": "2026-02-01"},
                           {"kind": "land", "price": "500000", "date": "2025-12-20"}],
       fees={"registrations": 2, "registrations_residential": 1,
             "farmland_reclamation": {"area_m2": "1000", "rate_per_m2": "30"},
             "land_reclamation": {"amount": "50000", "date": "2026-07-01"},
             "land_idle": {"land_price": "2000000", "idle_over_one_year": True},
             "infrastructure": {"floor_area_m2": "1000", "rate_per_m2": "150", "date": "2025-03-01"},
             "air_defence": {"geology_prevents_basement": False, "basement_area_m2": "200", "rate_per_m2": "1500"}}),
   {"lines": {"deed_tax": L("applies", "30000.00", "1000000.00"), "registration_fee": L("applies", "1180.00"),
              "farmland_reclamation_fee": L("applies", "30000.00"), "land_reclamation_fee": L("applies", "50000.00"),
              "land_idle_fee": L("applies", "400000.00"), "infrastructure_fee": L("not_applicable", "0.00"),
              "air_defence_fee": L("not_eligible", "0.00")},
    "total": "511180.00"})

fx("dated-items-before-window-2019", "2019 acquisitions and fees dated before 2019-06-01 are not_in_force; an undated fee counts because the year has eligible months.",
   [A76 + " 一（三）、一（四）"],
   ["acquisitions[0] 2019-03-01: in the year, outside the window → deed_tax not_in_force",
    "infrastructure dated 2019-04-01 → not_in_force",
    "land_reclamation undated → counts: 20,000"],
   req(2019, acquisitions=[{"kind": "house", "price": "800000", "date": "2019-03-01"}],
       fees={"infrastructure": {"floor_area_m2": "500", "rate_per_m2": "100", "date": "2019-04-01"},
             "land_reclamation": {"amount": "20000"}}),
   {"lines": {"deed_tax": L("not_in_force", "0.00"), "infrastructure_fee": L("not_in_force", "0.00"),
              "land_reclamation_fee": L("applies", "20000.00")},
    "total": "20000.00"})

fx("override-deduction-ratio", "A request overrides the Yunnan deduction ratio; the line uses it and the statement warns that it is overridden.",
   [A7 + " 二", "request.parameters"],
   ["property_tax = 1,000,000 × (1 − 10%) × 1.2% × 12/12 = 10,800 (general taxpayer, not small: no halving)"],
   req(2026, taxpayer={"vat": "general"}, properties=[{"tenure": "owned", "original_value": "1000000"}],
       parameters={"yunnan.property_tax.deduction_ratio": "0.10"}),
   {"lines": {"property_tax": L("applies", "10800.00")}, "total": "10800.00"})

fx("missing-inputs-2026", "Sections present with fields missing: missing_input, not an input error; the VAT base is still known.",
   [A7],
   ["revenue without taxpayer.vat → vat_exemption missing_input (base R = 600,000.00)",
    "income_tax without taxable_income → cit missing_input",
    "property without original_value, plot without tax_per_m2, electricity without household_price → missing_input"],
   req(2026, revenue={"childcare": "600000"}, income_tax={},
       properties=[{"tenure": "owned"}], land=[{"area_m2": "100"}],
       utilities={"electricity": {"kwh": "100", "commercial_price": "0.6"}}),
   {"lines": {"vat_exemption": L("missing_input", "0.00", "600000.00"), "vat_surcharges": L("missing_input"),
              "cit_income_reduction": L("missing_input"), "property_tax": L("missing_input"),
              "land_use_tax": L("missing_input"), "utility_electricity": L("missing_input")},
    "total": "0.00"})

fx("general-input-exceeds-output-2024", "Input VAT larger than output VAT: the exemption is worth 0 (applies, with a note).",
   [A76 + " 一（一）"], ["106,000 × 6% ÷ 1.06 = 6,000 − 8,000 < 0 → 0.00"],
   req(2024, taxpayer={"vat": "general"}, revenue={"childcare": "106000", "input_vat_on_childcare": "8000"}),
   {"lines": {"vat_exemption": L("applies", "0.00", "106000.00"), "vat_surcharges": L("applies", "0.00")}})

r = req(2025, taxpayer={"vat": "general"}, revenue={"childcare": 530000, "input_vat_on_childcare": 0})
r["facility"]["location_class"] = "town"
fx("surcharges-town-json-numbers-2025", "A facility in a town: 城建税 5%; amounts given as JSON numbers are read exactly.",
   [A76 + " 一（一）", "《城市维护建设税法》第四条"],
   ["VAT = 530,000 × 6% ÷ 1.06 = 30,000.00", "surcharges = 30,000 × (5% + 3% + 2%) = 3,000.00"],
   r, {"lines": {"vat_exemption": L("applies", "30000.00", "530000.00"), "vat_surcharges": L("applies", "3000.00")},
       "total": "33000.00"})

fx("utilities-household-above-commercial", "A household price above the commercial one gives 0 and a warning; broadband defaults to 12 months.",
   ["晋宁区实施方案 五（三）"],
   ["gas: 2.9 > 2.5 → 0.00 with a warning", "broadband: 12 × (250 − 120) = 1,560", "water: 1,000 × (5 − 3.5) = 1,500"],
   req(2021, utilities={"gas": {"m3": "1000", "commercial_price": "2.5", "household_price": "2.9"},
                        "broadband": {"commercial_price": "250", "household_price": "120"},
                        "water": {"tonnes": "1000", "commercial_price": "5", "household_price": "3.5"}}),
   {"lines": {"utility_gas": L("applies", "0.00"), "utility_broadband": L("applies", "1560.00"),
              "utility_water": L("applies", "1500.00"), "utility_electricity": L("not_applicable")},
    "total": "3060.00"})

r = req(2018, facility={"legal_form": "individual_business"}, acquisitions=[{"kind": "house", "price": "1000000"}])
fx("deed-undated-2018-not-in-force", "An undated acquisition in a year with no eligible month: not_in_force (the year is out of force before any condition or missing date is looked at), though the legal form would also fail.",
   [A76 + " 一（三）; 执行期限 2019-06-01 起", "SPEC §4 status order: not_in_force before not_eligible before missing_input"],
   ["2018 has no month in a community window → no date of 2018 can be in one → deed_tax not_in_force, amount 0.00"],
   r, {"lines": {"deed_tax": L("not_in_force", "0.00")}, "eligible_months": 0})

# Jurisdictions (SPEC §12.6): the local figures come from the region packs of facility.region.
fx("region-national-only-2026", "A facility in Shenzhen (440305), for which no region pack exists: national figures apply, each local figure a line needs is missing_input naming its generic id; the 2023–2027 六税两费 halving is national, so the surcharges are computed.",
   [A7 + " 一（一）、一（三）、二", "财政部 税务总局公告2023年第12号 第二条", "SPEC §12.6"],
   ["VAT = 1,060,000 × 6% ÷ 1.06 = 60,000.00 (general taxpayer, small low-profit)",
    "surcharges = 60,000 × (7% + 3% + 2%) × (1 − 50%) = 3,600.00 (the halving is national in 2023–2027: province.slpe_reduction)",
    "land_use_tax = 600 × 9 × 12/12 × (1 − 50%) = 2,700.00 (national band; no local figure)",
    "property_tax needs province.property_tax.deduction_ratio (no pack for 440000) → missing_input",
    "deed_tax needs province.deed_tax.rate → missing_input; utilities need district.utilities.household_prices → missing_input",
    "total = 60,000 + 3,600 + 2,700 = 66,300.00"],
   req(2026, facility={"region": "440305"}, taxpayer={"vat": "general", "small_low_profit": True},
       revenue={"childcare": "1060000"},
       properties=[{"tenure": "owned", "original_value": "2000000"}],
       land=[{"area_m2": "600", "tax_per_m2": "9", "tenure": "owned"}],
       acquisitions=[{"kind": "house", "price": "1000000", "date": "2026-03-01"}],
       utilities={"water": {"tonnes": "1000", "commercial_price": "5", "household_price": "3.5"}}),
   {"lines": {"vat_exemption": L("applies", "60000.00", "1060000.00"), "vat_surcharges": L("applies", "3600.00"),
              "land_use_tax": L("applies", "2700.00"), "property_tax": L("missing_input", "0.00"),
              "deed_tax": L("missing_input", "0.00"), "utility_water": L("missing_input", "0.00")},
    "total": "66300.00"})

fx("region-national-only-override-2026", "The same Shenzhen facility supplies the province's deed tax rate under its generic id: the deed line applies with it, marked overridden.",
   [A7 + " 一（三）", "《契税法》第三条", "SPEC §12.6"],
   ["deed_tax = 1,000,000 × 3% = 30,000.00 (province.deed_tax.rate given in the request)"],
   req(2026, facility={"region": "440305"}, acquisitions=[{"kind": "house", "price": "1000000", "date": "2026-03-01"}],
       parameters={"province.deed_tax.rate": "0.03"}),
   {"lines": {"deed_tax": L("applies", "30000.00")}, "total": "30000.00"})

# Quarterly filing (SPEC §12.1): the threshold per calendar quarter, all three months' sales, only
# eligible months taxed.
def months(*v):
    return [str(x) for x in v]
QNOTE = "SPEC §12.1; 财税〔2019〕13号, 公告2021年第11号, 2023年第1号, 2026年第10号: quarterly threshold 300,000 / 450,000"
r = req(2026, taxpayer={"vat": "small_scale", "vat_period": "quarter"},
        revenue={"childcare": months(120000, 90000, 80000, 100000, 100000, 100000, 50000, 50000, 50000, 200000, 150000, 100000)})
fx("small-scale-quarterly-2026", "A small-scale facility filing by quarter: only Q4 is above the 300,000 quarterly threshold (monthly filing would tax January, October and November instead).",
   [A7 + " 一（一）", QNOTE, "levy rate 1% (公告2026年第10号)"],
   ["Q1 sales = 290,000 ÷ 1.01 = 287,128.71 < 300,000 → 0", "Q2 = 300,000 ÷ 1.01 = 297,029.70 < 300,000 → 0",
    "Q3 = 150,000 ÷ 1.01 = 148,514.85 → 0", "Q4 = 450,000 ÷ 1.01 = 445,544.55 > 300,000 → 450,000 × 1% ÷ 1.01 = 4,455.445 → 4,455.45",
    "surcharges = 4,455.445 × (7% + 3% + 2%) × 50% = 267.3267 → 267.33", "R = 1,190,000.00"],
   r, {"lines": {"vat_exemption": L("applies", "4455.45", "1190000.00"), "vat_surcharges": L("applies", "267.33")}})
r = req(2019, taxpayer={"vat": "small_scale", "vat_period": "quarter"},
        revenue={"childcare": months(0, 0, 0, 150000, 150000, 60000, 0, 0, 0, 0, 0, 0)})
fx("small-scale-quarterly-2019-q2", "2019 Q2 by quarter: April and May are before the preferences (2019-06-01) but their sales count towards the quarterly threshold, so June is taxed; their own revenue is never counted. Filed by month, June (58,252 < 100,000) would be exempt anyway.",
   [A76 + " 一（一）; 执行期限 2019-06-01 起", QNOTE, "levy rate 3% in 2019"],
   ["Q2 sales = (150,000 + 150,000 + 60,000) ÷ 1.03 = 349,514.56 > 300,000 (inclusive) → taxed",
    "taxed: June only (April, May not eligible) = 60,000 × 3% ÷ 1.03 = 1,747.572 → 1,747.57", "R = June = 60,000.00"],
   r, {"lines": {"vat_exemption": L("applies", "1747.57", "60000.00")}, "eligible_months": 7})
r = req(2021, taxpayer={"vat": "small_scale", "vat_period": "quarter"},
        revenue={"childcare": months(100000, 100000, 110000, 140000, 140000, 140000, 0, 0, 0, 0, 0, 0)})
fx("small-scale-quarterly-2021-q2-threshold-change", "2021: the quarterly threshold rises from 300,000 to 450,000 on 2021-04-01, read on each quarter's last day: Q1 is taxed whole (monthly filing would tax only March), Q2 is exempt.",
   [A76 + " 一（一）", QNOTE, "levy rate 1% (公告2021年第7号)"],
   ["Q1 (threshold on 03-31: 300,000): 310,000 ÷ 1.01 = 306,930.69 > 300,000 → 310,000 × 1% ÷ 1.01 = 3,069.306",
    "Q2 (threshold on 06-30: 450,000): 420,000 ÷ 1.01 = 415,841.58 ≤ 450,000 → 0", "vat_exemption = 3,069.31"],
   r, {"lines": {"vat_exemption": L("applies", "3069.31", "730000.00")}})
r = req(2026, taxpayer={"vat": "small_scale", "vat_period": "quarter"},
        revenue={"childcare": months(101000, 101000, 101000, 0, 0, 0, 0, 0, 0, 0, 0, 0)})
fx("small-scale-quarterly-2026-at-threshold", "2026: sales exactly at the quarterly threshold are taxed — from 2026 the threshold is not inclusive (VAT Law art.23: 未达到起征点).",
   [A7 + " 一（一）", QNOTE, "《增值税法》第二十三条 (threshold not inclusive from 2026)"],
   ["Q1 sales = 303,000 ÷ 1.01 = 300,000.00 = threshold; not inclusive in 2026 → taxed",
    "303,000 × 1% ÷ 1.01 = 3,000.00"],
   r, {"lines": {"vat_exemption": L("applies", "3000.00", "303000.00")}})
r = req(2025, taxpayer={"vat": "small_scale", "vat_period": "quarter"},
        revenue={"childcare": months(101000, 101000, 101000, 0, 0, 0, 0, 0, 0, 0, 0, 0)})
fx("small-scale-quarterly-2025-at-threshold", "2025: the same quarter exactly at 300,000 is exempt anyway — until 2025 the threshold is inclusive (以下（含本数）).",
   [A76 + " 一（一）", QNOTE],
   ["Q1 sales = 303,000 ÷ 1.01 = 300,000.00 ≤ 300,000 (inclusive) → 0"],
   r, {"lines": {"vat_exemption": L("applies", "0.00", "303000.00")}})
r = req(2026, taxpayer={"vat": "general", "vat_period": "quarter"}, revenue={"childcare": "1200000"})
fx("general-vat-period-ignored", "vat_period is ignored for a general taxpayer: 1,200,000 × 6% ÷ 1.06, as filed by month.",
   [A7 + " 一（一）", "SPEC §12.1: vat_period is ignored for a general taxpayer"],
   ["1,200,000 × 6% ÷ 1.06 = 67,924.528 → 67,924.53"],
   r, {"lines": {"vat_exemption": L("applies", "67924.53", "1200000.00")}})

# The VAT Law's own exemption (SPEC §12.2): a declared nursery, without the community conditions or windows.
VATLAW = "《增值税法》第二十四条第（七）项（2026-01-01 起，无截止日）; SPEC §12.2"
r = req(2028, facility={"nursery_vat_law": True}, taxpayer={"vat": "general"},
        revenue={"childcare": "1200000", "input_vat_on_childcare": "0"}, income_tax={"taxable_income": "500000"})
fx("vat-law-nursery-2028", "2028, after the community preferences ended: a declared nursery's VAT is still exempt under VAT Law art.24(7), and its surcharges with it (not halved: no 六税两费 window in 2028); the CIT line is not_in_force.",
   [VATLAW, "《城市维护建设税法》第二条"],
   ["R = 1,200,000 (every month of 2028 is in the statute's window)", "vat_exemption = 1,200,000 × 6% ÷ 1.06 − 0 = 67,924.528 → 67,924.53",
    "surcharges = 67,924.528 × (7% + 3% + 2%) = 8,150.943 → 8,150.94", "cit_income_reduction: no community window in 2028 → not_in_force",
    "total = 67,924.53 + 8,150.94 = 76,075.47"],
   r, {"lines": {"vat_exemption": L("applies", "67924.53", "1200000.00"), "vat_surcharges": L("applies", "8150.94"),
                 "cit_income_reduction": L("not_in_force", "0.00")}, "total": "76075.47", "eligible_months": 0})
r = req(2026, facility={"nursery_vat_law": True, "legal_form": "individual_business"}, taxpayer={"vat": "general"},
        revenue={"childcare": "1200000", "input_vat_on_childcare": "0"})
fx("vat-law-nursery-individual-business-2026", "2026: an individual business fails art.三 for the community preferences, but as a declared nursery its VAT is exempt under VAT Law art.24(7) alone (the failed condition becomes a note); the other community lines stay not_eligible.",
   [VATLAW, A7 + " 三"],
   ["vat_exemption = 1,200,000 × 6% ÷ 1.06 = 67,924.53 (basis: VAT Law only)", "surcharges = 67,924.528 × 12% = 8,150.94",
    "property/land/deed: not_applicable (no items); the community basis fails art.三"],
   r, {"lines": {"vat_exemption": L("applies", "67924.53", "1200000.00"), "vat_surcharges": L("applies", "8150.94")}, "total": "76075.47"})
bad = req(2028, facility={"nursery_vat_law": True}, taxpayer={"vat": "small_scale"}, revenue={"childcare": "1200000"})
fx("error-vat-law-small-scale-2028-no-levy-rate", "A small-scale nursery in 2028: the levy rate and thresholds end on 2027-12-31 in the parameter data (the statute's own 3% and art.23 threshold are not in it yet), so the request is refused naming the missing parameter — never a guessed rate.",
   [VATLAW, "SPEC §12.2: small-scale figures after 2027-12-31"], [], bad,
   {"error": {"path": "parameters.national.vat.small_scale_levy_rate"}})

# "If extended" (SPEC §12.3): one field instead of the overrides a 2028 request needs.
SCEN = "SPEC §12.3: scenario.extend_community_to — assumed, not published"
r = req(2028, taxpayer={"vat": "small_scale"}, revenue={"childcare": "1800000"}, scenario={"extend_community_to": "2028-12-31"})
fx("scenario-small-scale-2028", "A small-scale facility in 2028 under the scenario \"extended to 2028-12-31\": the community window and every series ending 2027-12-31 (levy rate, thresholds, the 六税两费 halving) keep their last values; every figure is marked as a scenario.",
   [A7 + " 一（一）", SCEN],
   ["monthly sales = 1,800,000 ÷ 12 ÷ 1.01 = 148,514.85 > 100,000 (2027's threshold, extended) → every month taxed",
    "vat_exemption = 1,800,000 × 1% ÷ 1.01 = 17,821.782 → 17,821.78",
    "surcharges = 17,821.782 × 12% × (1 − 50%) = 1,069.307 → 1,069.31 (the 2027 halving, extended)"],
   r, {"lines": {"vat_exemption": L("applies", "17821.78", "1800000.00"), "vat_surcharges": L("applies", "1069.31")}, "eligible_months": 12})
r = req(2028, taxpayer={"vat": "general"}, revenue={"childcare": "1200000"}, scenario={"extend_community_to": "2028-06-15"})
fx("scenario-to-mid-june-2028", "Extended to 2028-06-15: only whole months inside the extended window count — January to May.",
   [A7 + " 一（一）", SCEN],
   ["June is not whole inside the window → eligible months Jan–May = 5", "R = 1,200,000 × 5/12 = 500,000.00",
    "vat_exemption = 500,000 × 6% ÷ 1.06 = 28,301.886 → 28,301.89"],
   r, {"lines": {"vat_exemption": L("applies", "28301.89", "500000.00")}, "eligible_months": 5})
r = req(2029, taxpayer={"vat": "general"}, revenue={"childcare": "1200000"}, scenario={"extend_community_to": "2028-12-31"})
fx("scenario-before-the-year-changes-nothing-2029", "A scenario date before the assessed year is allowed and changes nothing: 2029 stays not_in_force.",
   [A7, SCEN], ["1 January 2029 is after 2028-12-31 → the scenario is not active → no eligible month"],
   r, {"lines": {"vat_exemption": L("not_in_force", "0.00")}, "eligible_months": 0})
bad = req(2028, scenario={"extend_community_to": "2028-13-01"})
fx("error-scenario-malformed-date", "A malformed scenario date is an input error at its path.", [SCEN], [], bad,
   {"error": {"path": "scenario.extend_community_to"}})

# Input errors.
bad = req(2026, revenue={"childcare": "-1"})
fx("error-negative-revenue", "Negative money is an input error naming the field.", ["SPEC §9"], [], bad, {"error": {"path": "revenue.childcare"}})
bad = req(2026, properties=[{"tenure": "owned", "original_value": "1", "colour": "red"}])
fx("error-unknown-field", "Unknown fields are refused with their path.", ["SPEC §9"], [], bad, {"error": {"path": "properties[0].colour"}})
bad = req(2026, properties=[{"tenure": "owned", "original_value": "1", "used_from": "2026-09-01", "used_to": "2026-03-01"}])
fx("error-use-dates-reversed", "used_from after used_to is an input error.", ["SPEC §9"], [], bad, {"error": {"path": "properties[0].used_to"}})
bad = req(2026, facility={"service_modes": []})
fx("error-no-service-mode", "At least one service mode is required (art.三).", ["SPEC §9"], [], bad, {"error": {"path": "facility.service_modes"}})
bad = req(2026, revenue={"childcare": ["1"] * 11})
fx("error-eleven-months", "A monthly array needs 12 amounts.", ["SPEC §3"], [], bad, {"error": {"path": "revenue.childcare"}})
bad = req(2026, parameters={"national.vat.genral_rate": "0.05"})
fx("error-unknown-parameter", "An override of an unknown parameter id is refused.", ["SPEC §10"], [], bad, {"error": {"path": "parameters.national.vat.genral_rate"}})
bad = req(2026, taxpayer={"vat": "general", "small_low_profit": True}, revenue={"childcare": "1200000"},
          income_tax={"taxable_income": "2000000"}, parameters={"national.community.income_inclusion_ratio": "5"})
fx("error-override-out-of-range", "An override outside the parameter's admissible values (a ratio in [0, 1]) is refused at its path; accepted, a ratio of 5 would give a CIT saving of −1,800,000.00.",
   ["SPEC §10", "calc-core/data/parameters.toml: admissible"], [], bad,
   {"error": {"path": "parameters.national.community.income_inclusion_ratio"}})

# Claims (SPEC §8).
C = []
def claim(name, description, arithmetic, request, claimed, expect, cid=None):
    c = {"schema": "tuoyu.claim.v1", "id": cid or name, "request": request, "claimed": claimed}
    C.append((name, {"name": name, "description": description, "arithmetic": arithmetic, "claim": c, "expect": expect}))

OK = {"vat_exempt_sales": "1800000.00", "cit_income_reduction": "180000.00", "property_tax_exempt": "8400.00",
      "land_use_tax_exempt": "2700.00", "deed_tax_exempt": "90000.00"}
def item(verdict, recomputed, difference):
    return {"verdict": verdict, "recomputed": recomputed, "difference": difference}
claim("match-spec-example", "The SPEC §8 claim on the §9 request: every item matches.",
      ["R = 1,800,000; 减计收入 = 180,000; property 8,400; land 2,700; deed 90,000 (see spec-example-2026)"],
      SPEC, OK, {"verdict": "match", "items": {k: item("match", v, "0.00") for k, v in OK.items()}}, "2026-000123")
over = dict(OK, deed_tax_exempt="95000")
claim("over-claimed-deed-tax", "Deed tax claimed at 95,000 against 3,000,000 × 3% = 90,000.",
      ["difference = 95,000 − 90,000 = 5,000 > 0.01 → over_claimed"], SPEC, over,
      {"verdict": "over_claimed", "items": {"deed_tax_exempt": item("over_claimed", "90000.00", "5000.00"),
                                            "vat_exempt_sales": item("match", "1800000.00", "0.00")}})
under = {"property_tax_exempt": "8000", "land_use_tax_exempt": "2700.004"}
claim("under-claimed-property-tax", "Property tax claimed below the recomputed 8,400; a claimed 2,700.004 rounds to 2,700.00 and matches.",
      ["8,000 − 8,400 = −400 → under_claimed", "2,700.004 → 2,700.00; difference 0 → match"], SPEC, under,
      {"verdict": "under_claimed", "items": {"property_tax_exempt": item("under_claimed", "8400.00", "-400.00"),
                                             "land_use_tax_exempt": item("match", "2700.00", "0.00")}})
r28 = req(2028, taxpayer={"vat": "general"}, revenue={"childcare": "1000000"})
claim("not-in-force-2028", "VAT exempt sales claimed for 2028, after the preferences ended on 2027-12-31.",
      ["2028 has no eligible month → the VAT line is not_in_force → recomputed 0.00, verdict not_in_force"], r28,
      {"vat_exempt_sales": "1000000", "cit_income_reduction": "100000"},
      {"verdict": "not_in_force", "items": {"vat_exempt_sales": item("not_in_force", "0.00", "1000000.00"),
                                            "cit_income_reduction": item("not_in_force", "0.00", "100000.00")}})
rib = req(2026, taxpayer={"vat": "small_scale"}, revenue={"childcare": "900000"})
rib["facility"]["legal_form"] = "individual_business"
claim("not-eligible-individual-business", "An individual business claims the CIT reduction (no income_tax section): the item takes the not_eligible status of art.三.",
      ["legal_form individual_business fails art.三 → not_eligible; recomputed 0.00"], rib,
      {"cit_income_reduction": "90000", "vat_exempt_sales": "0"},
      {"verdict": "not_eligible", "items": {"cit_income_reduction": item("not_eligible", "0.00", "90000.00"),
                                            "vat_exempt_sales": item("match", "0.00", "0.00")}})
r19 = req(2019, taxpayer={"vat": "general"}, revenue={"childcare": "1200000"})
claim("vat-exempt-sales-above-r-2019", "2019: the whole year's revenue claimed as exempt, but only June–December is in force.",
      ["R = 1,200,000 × 7/12 = 700,000; claimed 1,200,000 → difference 500,000 → over_claimed"], r19,
      {"vat_exempt_sales": "1200000", "cit_income_reduction": "70000"},
      {"verdict": "over_claimed", "items": {"vat_exempt_sales": item("over_claimed", "700000.00", "500000.00"),
                                            "cit_income_reduction": item("match", "70000.00", "0.00")}})
claim("invalid-negative-claim", "A negative claimed amount makes the claim invalid_input, naming the field.",
      [], SPEC, {"vat_exempt_sales": "-1"}, {"verdict": "invalid_input", "error_path": "claimed.vat_exempt_sales"})
bad = req(2026, revenue={"childcare": "abc"})
claim("invalid-request-field", "An error inside the request is reported with its path prefixed by request.",
      [], bad, {"vat_exempt_sales": "1"}, {"verdict": "invalid_input", "error_path": "request.revenue.childcare"})
r18 = req(2018, land=[{"area_m2": "500", "tax_per_m2": "10", "tenure": "leased"}])
claim("not-in-force-item-without-line-2018", "2018: land use tax claimed by a facility whose only land is leased (the facility's own land line is not_applicable); the claim is refused as not_in_force, not merely over-claimed.",
      ["2018 has no eligible month → every community item claimed above 0 is not_in_force; recomputed 0.00"], r18,
      {"land_use_tax_exempt": "5000"},
      {"verdict": "not_in_force", "items": {"land_use_tax_exempt": item("not_in_force", "0.00", "5000.00")}})
bad = dict(SPEC, parameters={"national.days_per_month": "0"})
claim("invalid-override-out-of-range", "A claim whose request overrides a parameter outside its admissible values (0 days a month) is invalid_input at that path, as assess refuses it — never judged.",
      [], bad, OK, {"verdict": "invalid_input", "error_path": "request.parameters.national.days_per_month"})
bad = dict(SPEC, fee_benchmark={"reference": {"grade": 5}})
claim("invalid-section-refused", "A claim whose request has a fee benchmark of grade 5 (the table has four) is invalid_input, not match: verification skips the sections, but a request assess refuses is never judged.",
      [], bad, OK, {"verdict": "invalid_input", "error_path": "request.fee_benchmark.reference.grade"})
bad = dict(SPEC, utilities={"electricity": {"kwh": "1000000000000000", "commercial_price": "1000000000000000", "household_price": "0"}})
claim("invalid-utility-overflow", "A claim whose request's electricity saving overflows (10^15 kWh × 10^15 yuan) is invalid_input, as assess refuses it, though no claimed item uses the utility line.",
      [], bad, OK, {"verdict": "invalid_input", "error_path": "request.utilities"})
r28n = req(2028, facility={"nursery_vat_law": True}, taxpayer={"vat": "general"}, revenue={"childcare": "1200000"})
claim("vat-law-nursery-2028", "A declared nursery's 2028 claim is judged on VAT Law art.24(7): its exempt sales match R; the CIT reduction (a community preference) is not_in_force.",
      ["R = 1,200,000 (VAT Law window, open-ended) → vat_exempt_sales match", "2028 has no community window → cit_income_reduction not_in_force, recomputed 0.00"],
      r28n, {"vat_exempt_sales": "1200000", "cit_income_reduction": "120000"},
      {"verdict": "not_in_force", "items": {"vat_exempt_sales": item("match", "1200000.00", "0.00"),
                                            "cit_income_reduction": item("not_in_force", "0.00", "120000.00")}})
bad = req(2028, taxpayer={"vat": "general"}, revenue={"childcare": "1200000"}, scenario={"extend_community_to": "2028-12-31"})
claim("invalid-scenario", "A claim is judged on the law as published: a request holding a scenario makes the claim invalid_input at request.scenario.",
      [], bad, {"vat_exempt_sales": "1200000"}, {"verdict": "invalid_input", "error_path": "request.scenario"})
rnf = req(2026, facility={"filed_with_health_commission": False}, taxpayer={"vat": "general"},
          revenue={"childcare": "1000000"}, income_tax={"taxable_income": "500000"})
claim("match-not-filed-warned", "A facility that has not filed with the health commission (是否已备案 false): its claim matches — the tax texts do not require the filing — and the report warns that the district plan 四（十三） does (SPEC §8, warnings).",
      ["R = 1,000,000; 减计收入 = 10% × 1,000,000 = 100,000 (see not-filed-2026)", "both items match; warnings = [not_filed]"],
      rnf, {"vat_exempt_sales": "1000000", "cit_income_reduction": "100000"},
      {"verdict": "match", "items": {"vat_exempt_sales": item("match", "1000000.00", "0.00"),
                                     "cit_income_reduction": item("match", "100000.00", "0.00")},
       "warnings": ["not_filed"]})
claim("nothing-claimed", "A claim with no items is a match with no items.", [], SPEC, {}, {"verdict": "match", "items": {}})

here = os.path.join(os.path.dirname(__file__), "..", "fixtures")
for name, body in C:
    with open(os.path.join(here, "claims", name + ".json"), "w") as f:
        json.dump(body, f, ensure_ascii=False, indent=2)
        f.write("\n")
for name, body in F:
    with open(os.path.join(here, name + ".json"), "w") as f:
        json.dump(body, f, ensure_ascii=False, indent=2)
        f.write("\n")
print(len(F), "fixtures")
