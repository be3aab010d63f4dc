#!/usr/bin/env python3
"""Build the Quanzhou (泉州) seed bundle for chain-graph into seed_data/.

Deterministic, stdlib only (Python 3.11). Run:  python3 scripts/build_seed_data.py
Facts about real firms come only from /work/shared/QUANZHOU_FACTS.md (S-ids below) or a cited
public URL; everything else is marked `illustrative:` in the `source` column. Fictitious sample
firms have ids starting `x-` and names ending with `（示例）`.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "seed_data"
RNG = random.Random(20261125)
ILL_DATE = "2026-11-01"
HOME = "350500"

# --------------------------------------------------------------------------- sources
# S-id -> (url, as_of). Undated pages use the retrieval date ILL_DATE.
SRC = {
    "S1": ("http://qz.fjsen.com/2018-07/24/content_21289417_3.htm", "2018-07-24"),
    "S4": ("https://www.aap.com.au/aapreleases/cision20221011ae98487/", "2022-10-11"),
    "S8": ("http://news.news9.cn/chanye/2023/0301/147810.html", "2023-03-01"),
    "S10": ("https://fj.010b.com/info/detail/65982.html", "2025-07-01"),
    "S11": ("http://www.xjmm918.com/a/4831.html", "2024-12-31"),
    "S13": ("http://m.n1958.cn/news/show-27670.html", ILL_DATE),
    "S14": ("http://polymer.cn/polymernews/2012-5-4/_201254103231142.htm", "2012-05-04"),
    "S15": ("https://www.sinochem.com/newen/s/17584-51851-101313.html", ILL_DATE),
    "S16": ("https://xindemarinenews.com/en/market/2019/1015/15582.html", "2019-10-15"),
    "S17": ("https://en.wikipedia.org/wiki/Fujian_Jinhua_Integrated_Circuit", ILL_DATE),
    "S18": (
        "https://compoundsemiconductor.net/article/103086/Sanan_to_Establish_LED_Production_Base_in_Southeastern_China",
        ILL_DATE,
    ),
    "S19": ("https://www.toppolighting.com/info/sanan-optoelectronics-is-busy-foreign-investm-31583109.html", ILL_DATE),
    "S21": ("http://casmita.com/merchant/202012/30/22.html", "2020-12-30"),
    "S22": ("http://shadafang.com/a/2020/0827/1598531015.html", "2020-08-27"),
    "S23": ("https://33737p.com/nic/20170427-8774.html", "2017-04-27"),
    "S24": ("http://action.zgjrw.com/action/2022/0929/28084.html", "2022-09-29"),
    "S25": ("http://tp.hkcd.com/content_p/2023-03/01/content_148993.html", "2023-03-01"),
    "S26": (
        "https://www.ansa.it/sito/notizie/mondo/notiziario_xinhua/2022/05/26/la-nuova-vita-in-cina-del-marchio-italiano-fila-3_dc5bbe62-b124-49b2-990f-f8b59ca613ca.html",
        "2022-05-26",
    ),
    "S27": ("http://en.people.cn/n3/2020/0826/c90000-9738581.html", "2020-08-26"),
    "S29": ("https://docslib.org/doc/12864953/annual-report-2017-corporate-mission", "2017-12-31"),
    "S30": ("https://doczz.net/doc/1166669/interim-report", "2010-12-31"),
    "S31": ("https://ru.scribd.com/document/295553569/361-Degree-2015-Annual-Report", "2014-12-31"),
    "S32": ("https://www.marketscreener.com/quote/stock/DALI-FOODS-GROUP-COMPANY--24948985/", ILL_DATE),
    "S33": (
        "https://home.cydlabs.com/kiwix/content/wikipedia_en_all_maxi_2024-01/A/Septwolves_(clothing)",
        "2024-01-01",
    ),
    "S34": (
        "https://xiamenpcg.dfa.gov.ph/news-room/news-press-releases/910-pcg-xiamen-head-meets-with-septwolves-officials-in-jinjiang",
        ILL_DATE,
    ),
    "S35": ("http://fashioneastas.com/news-lilang-men-39-s-simple-1087.html", ILL_DATE),
    "S36": ("https://stoxray.com/stocks/xshe/002098", ILL_DATE),
    "S37": ("http://asiantex.net/2020/07/27/fujian-billion-kicks-off-industrial-yarn-production/", "2020-07-27"),
    "S39": ("http://zjxiongyi.com/n2/2024/0715/c181466-40912490.html", "2024-07-15"),
    "S40": ("https://reportify.ai/companies/HK:01583/documents", ILL_DATE),
    "S41": ("http://8037eee.com/news/fujian/shms/2018-07-18/2159929_2.html", "2018-07-18"),
    "S42": ("http://mjmjm.com/view-91159-1.html", ILL_DATE),
    "S43": ("http://stock.stockstar.com/notice/SN2022110600000441.shtml", "2022-11-06"),
    "S44": (
        "http://vip.stock.finance.sina.com.cn/corp/view/vCB_AllBulletinDetail.php?stockid=873706&id=9843383",
        ILL_DATE,
    ),
    "S45": ("http://jingong-china.com/profile/groundbreaking-ceremony.html/132973/0/", ILL_DATE),
    "S48": ("http://cidudehua.net/paper/news.php?id=4596", "2024-12-31"),
    "S49": ("http://www.zachu.top/a/4725.html", "2025-12-31"),
    "S50": ("https://www.fjph.com.cn/ShowInfo.aspx?id=176400", "2019-12-31"),
    "S54": ("http://taihainet.com/news/fujian/gcdt/2024-09-12/2796435.html", "2024-09-12"),
    "S55": ("https://hyyz888.com/usa/2018-09/01/content_21428208.htm", "2018-09-01"),
    "S56": ("https://szb.qzwb.com/old/dnzb/html/2023-02/01/content_635983.htm", "2023-02-01"),
    "S57": ("https://share1.kxm.xmtv.cn/xmtv/2022-08-04/7f497836c1be0bc0.html", "2022-08-04"),
    "S58": ("http://www.zijinzinc.com/?zjkynews/69.html", "2022-08-04"),
    "S59": (
        "https://mexicobusiness.news/mining/news/chinas-zijin-mining-becomes-worlds-third-largest-miner",
        "2025-12-31",
    ),
    "S60": ("https://www.discoverheadlines.com/2023/08/once-again-china-takes-lead-in-number.html", "2023-08-01"),
    "S62": ("https://ruyici.top/portal.php?aid=95709&mod=view", "2025-12-31"),
    "S63": ("http://whmsebhyy.com/roll/20140708/155519641673.shtml", "2014-07-08"),
    "S64": ("http://fuzhou.baogaosu.com/xinwen/87570698", "2020-12-31"),
    "S65": ("https://github.com/yescallop/areacodes (data/2024.txt)", "2024-12-31"),
    "S66": (
        "https://github.com/modood/Administrative-divisions-of-China (dist/areas.csv, dist/streets.csv)",
        "2023-12-31",
    ),
    "S68": ("http://www.zijinmining.com/news/118585.htm", "2021-12-31"),
    "S70": ("http://m.fqrtq.com/news/groupnews/353.html", ILL_DATE),
    # extra pages verified with the search tool (not in QUANZHOU_FACTS.md)
    "W1": ("http://www.pvcpu.com/show/9/22335.html", ILL_DATE),  # 中宇建材集团 (南安水暖)
    "W2": ("http://zyjiajuw.com/jcbd/cz/20150918/1663.html", "2015-09-18"),  # 申鹭达股份有限公司, 中宇集团
    "W3": ("http://tz.sjfzxm.com/body/17_011/232350", "2011-12-31"),  # 劲霸男装股份有限公司
    "W4": (
        "http://vip.stock.finance.sina.com.cn/corp/view/vISSUE_RaiseExplanationDetail.php?id=722698&stockid=601566",
        "2011-05-10",
    ),  # 九牧王, 泉州经济技术开发区
    "W5": ("http://download.lygmedia.com/download/2024/0929/288009.html", "2024-09-29"),  # 利郎 2023 revenue 35.44 亿元
    # ranking pages (issue 13): each gives ranks on one of the six lists
    "W6": ("https://zaobaoc.com/news/china/202309/122856.html", "2023-09-12"),  # 2023 民营500强: 京东 1, 阿里 2, 恒力 3
    "W7": ("https://2222tao.com/funny/44355.html", "2023-09-12"),  # 观察者网 reprint: 2023 民营500强 top 10 in order
    "W8": ("https://udn.com/news/story/7333/8968917", "2025-08-28"),  # 中央社: 2025 民营500强 top 10 in order
    "W9": (
        "http://m.mnw.cn/xiamen/news/1835580.html",
        "2017-09-11",
    ),  # 2017 中国企业500强: top 4; 建发 112, 国贸 115, 象屿 130
    "W10": (
        "https://duobangwang.com/html/4/2018-09-03/082438134744.shtml",
        "2018-09-03",
    ),  # 2018 中国企业500强: top 3; 兴业 53
    "W11": ("http://wspjyy.com/news/info/217.html", "2017-09-10"),  # 2017 中国服务业企业500强: top 3
    "W12": ("http://www.pyzqsy.cn/view/66138", "2021-07-23"),  # 2021 中国新经济企业500强: top 3; 牧原 28
    "W13": (
        "https://yuanda32.pixnet.net/blog/post/4156226",
        "2010-06-01",
    ),  # 中央社 reprint: CRIF 2010 台湾大型企业排名 top 5
    "W14": (
        "http://destroybadbreath.com/xwzx/bwkx/201106/t20110601_1872872.htm",
        "2011-06-01",
    ),  # 中国台湾网 mirror: CRIF 2011 top 10 in order
    "W15": (
        "https://tw.bg3.co/a/zhong-hua-zheng-xin-suo-gong-bu-qian-5000da-qi-ye-tai-ji-dian-chan-lian-huo-li-guan-jun.html",
        ILL_DATE,
    ),  # CRIF 2024 TOP5000: 鸿海 revenue first
    "W16": (
        "https://funday.asia/learn-english/taiwans-top-10-most-profitable-companies-unveiled-24349.html",
        "2025-06-25",
    ),  # CRIF 2025 TOP5000: Foxconn largest by revenue
    # 文旅 / 商贸 chains and local firms' growth (issue 12), verified with the search tool
    "W17": (
        "http://m.qzcns.com/2020/1203/609081.html",
        "2020-12-03",
    ),  # 八仙过海旅游度假区, 台商投资区, 80亿元; water park opened 2020-07-09
    "W18": (
        "http://fjnews.fjsen.com/2015-09/18/content_16648525.htm",
        "2015-09-18",
    ),  # 新华网: 清源山 the only 5A; 5A 1, 4A 9, 3A 21
    "W19": (
        "https://2bur.cscec.com/xwzx6/gskx6/201405/2731717.html",
        ILL_DATE,
    ),  # 泉州浦西万达广场 opened, ~100亿元, 123万㎡
    "W20": (
        "http://riulidt.cn/news/2023/2023-05-18/524738.html",
        "2023-05-18",
    ),  # 中新网: 中国物流泉州综合物流园区, 惠安黄塘, 10亿元
    "W21": (
        "http://cfu101.com/wls/view.asp?id=8647",
        ILL_DATE,
    ),  # 汇通、中通、圆通、申通、韵达 set their Fujian HQ in 泉州
    "W22": (
        "https://hyyz888.com/xm/2022-05/11/content_31030866.htm",
        "2022-05-11",
    ),  # 东南网: 京东物流亚洲一号厦门同安物流园 in production 2021-07
    "W23": ("http://hcls.org.cn/article/67086.html", "2014-06-20"),  # 菜鸟 智能骨干物流项目 in 泉州台商投资区
    "W24": (
        "http://www.qzce.com/html/news/202104/14/35063.shtml",
        "2021-04-14",
    ),  # 2021 市级上市后备 124 (泉州银行…), 挂牌后备 146 (福建高技汽车服务…)
    "W25": (
        "https://hxdsb.fjdaily.com/pc/con/202407/16/content_382644.html",
        "2024-07-16",
    ),  # 铁拓机械 listed on the BSE 2024-03-08
    "W26": (
        "http://www.8037eee.com/news/fujian/shms/2021-10-20/2563193.html",
        "2021-10-20",
    ),  # 久久王食品 (HKEX main board), 嘉亨家化 (ChiNext) listed in 2021
    "W27": (
        "http://m.mnw.cn/quanzhou/news/2149593.html",
        "2019-04-10",
    ),  # 晋江百宏系列项目 73亿元; 晋江恒安生活用品智能化生产基地 62.5亿元
    "W28": (
        "http://www.fujian-window.com/fujiannews/quanzhou/6565.html",
        "2019-05-17",
    ),  # 2019 重点技改: 火炬电子 started; 玖龙纸业(泉州), 鸿荣轻工, 美岭水泥 in production
    "W29": (
        "https://www.ctmanga.com/a/quan-zhou-shi-605ge-zhong-da-xiang-mu-ji-zhong-kai-jun-gong.html",
        ILL_DATE,
    ),  # 福建日报: 2025 Q1 集中开竣工: 南安三安 333亿元; 泉港百宏 技改
    "W30": (
        "https://nextinsight.net/story-archive-mainmenu-60/919-2013/6792-zhongmin-baihui-bringing-first-tier-city-consumer-experience-to-2nd-tier-cities",
        "2013-05-01",
    ),  # 中闽百汇 malls in Quanzhou (泉港) and Xiamen
    # published list data in public GitHub repositories (file at the commit named; original source in brackets)
    "D1": (
        "https://github.com/MartaVeinberga/fortune-global-500-scraper/blob/2d05bad0943b3d2dd0f136d3d918da77eff26f62/fortune500_data.csv "
        "(Fortune Global 500 2022-2024 scraped from https://fortune.com/ranking/global500/)",
        "2025-12-03",
    ),
    "D2": (
        "https://github.com/mslitao/Fortune-Global-500/blob/a0efb5c01c031e04850c93c4c30655ad0cf591c1/Data/Fortune-Global-2019.tsv "
        "(Fortune Global 500 2019 crawled from https://fortune.com/global500/2019/)",
        "2019-10-08",
    ),
    "D3": (
        "https://github.com/RoucheZaaiman/2017_Fortune_Global_list_Data_Analysis_with_Pandas/blob/dfec8234660f61633b85c5155bc483181ab8bad9/f500.csv "
        "(Dataquest's copy of the Fortune Global 500 2017 list, https://fortune.com/global500/2017/)",
        "2021-02-15",
    ),
}
USED_SRC: set[str] = set()


def cite(ids: str) -> str:
    parts = []
    for s in ids.split(","):
        USED_SRC.add(s)
        parts.append(f"{s} {SRC[s][0]}")
    return "public: " + "; ".join(parts)


def src_date(ids: str) -> str:
    return SRC[ids.split(",")[0]][1]


# --------------------------------------------------------------------------- regions
# (id, name, parent, level)
CN_REGIONS = """CN|中国||country
110000|北京市|CN|province
310000|上海市|CN|province
320000|江苏省|CN|province
330000|浙江省|CN|province
350000|福建省|CN|province
360000|江西省|CN|province
370000|山东省|CN|province
410000|河南省|CN|province
420000|湖北省|CN|province
430000|湖南省|CN|province
440000|广东省|CN|province
150000|内蒙古自治区|CN|province
210000|辽宁省|CN|province
510000|四川省|CN|province
710000|台湾省|CN|province
810000|香港特别行政区|CN|province
320100|南京市|320000|city
320200|无锡市|320000|city
320300|徐州市|320000|city
320400|常州市|320000|city
320500|苏州市|320000|city
330100|杭州市|330000|city
330200|宁波市|330000|city
330400|嘉兴市|330000|city
330600|绍兴市|330000|city
350100|福州市|350000|city
350200|厦门市|350000|city
350900|宁德市|350000|city
360200|景德镇市|360000|city
370200|青岛市|370000|city
370700|潍坊市|370000|city
420100|武汉市|420000|city
430100|长沙市|430000|city
440100|广州市|440000|city
440300|深圳市|440000|city
440600|佛山市|440000|city
441300|惠州市|440000|city
445100|潮州市|440000|city
150100|呼和浩特市|150000|city
210200|大连市|210000|city
510100|成都市|510000|city
350500|泉州市|350000|city
350502|鲤城区|350500|district
350503|丰泽区|350500|district
350504|洛江区|350500|district
350505|泉港区|350500|district
350521|惠安县|350500|county
350524|安溪县|350500|county
350525|永春县|350500|county
350526|德化县|350500|county
350527|金门县|350500|county
350581|石狮市|350500|county
350582|晋江市|350500|county
350583|南安市|350500|county"""
COUNTRIES = [
    ("JP", "日本"),
    ("KR", "韩国"),
    ("US", "美国"),
    ("DE", "德国"),
    ("FR", "法国"),
    ("SG", "新加坡"),
    ("SA", "沙特阿拉伯"),
    ("CH", "瑞士"),
    ("IT", "意大利"),
]
ZONES = [
    (
        "350521.tsz",
        "泉州台商投资区",
        "350521",
        "S65,S66",
        "its towns (洛阳镇, 东园镇, 张坂镇, 百崎回族乡) sit under 惠安县 in NBS data; id is project-local, not GB/T 2260",
    ),
    (
        "350500.etdz",
        "泉州经济技术开发区",
        "350500",
        "S30,W4",
        "zone named as a head-office location in S30 and W4; id is project-local, not GB/T 2260",
    ),
]
# place prefix used in fictitious local firm names
PLACE = {
    "350582": "晋江",
    "350581": "石狮",
    "350583": "南安",
    "350521": "惠安",
    "350505": "泉港",
    "350524": "安溪",
    "350525": "永春",
    "350526": "德化",
    "350502": "泉州",
    "350503": "泉州",
    "350504": "泉州",
    "350521.tsz": "泉州",
    "350500.etdz": "泉州",
}

# --------------------------------------------------------------------------- chains
# prefix -> (chain_id, name, description, srcs)
CHAINS = {
    "tx": (
        "textile-apparel-footwear",
        "纺织鞋服",
        "Textile, apparel and footwear; 2022 output near 7000亿元 with >13,000 firms, sport shoes ~40 % of national output (S8, S9); chain 化工原料→化纤→纺纱织染→鞋服 (S24)",
        "S8,S24",
    ),
    "pc": (
        "petrochemical",
        "石油化工",
        "Petrochemicals in 泉港/惠安: 338 规上 firms, value added 659.73亿元 (S10); 惠安 石化 规上产值 1013.63亿元 in 2024 (S11)",
        "S10,S11",
    ),
    "sc": (
        "semiconductor-optoelectronics",
        "半导体与光电",
        "泉州芯谷: 晋江 memory (design→manufacturing→packaging/test→application), 南安 compound semiconductors, 安溪 LED (S21, S22, S23)",
        "S21,S22,S23",
    ),
    "me": (
        "machinery-equipment",
        "机械装备",
        "Machinery and equipment; one of 洛江's five 百亿 clusters, construction-equipment cluster at national level (S44); 千亿 cluster (S1)",
        "S1",
    ),
    "bm": (
        "building-materials-home",
        "建材家居",
        "Building materials and home furnishing; 南安 石材 >1000亿 and 水暖厨卫 >1000亿 (S7, S42); official grouping 建材—家居 万亿级 (S7)",
        "S42",
    ),
    "fb": (
        "food-beverage",
        "食品饮料",
        "Food and beverage (健康食品 cluster of 100 bn yuan, S4); 千亿 食品 cluster in 2018 (S1). Includes 生活用纸/卫生用品 (日化) because the facts group 恒安 under 食品/日化",
        "S1,S4",
    ),
    "cc": (
        "crafts-ceramics",
        "工艺制品（陶瓷·制香）",
        "Crafts: 德化 ceramics 663亿元 in 2024 (S48), 永春 incense ≈300 firms in 达埔 (S50); 工艺制品 is a 100 bn cluster (S4)",
        "S48,S50",
    ),
    "tea": (
        "tea",
        "茶产业",
        "安溪 铁观音: regional brand value 1443.07亿元 in 2025 (S49); pairs with 德化 tea-ware (S1)",
        "S49,S1",
    ),
    "ct": (
        "culture-tourism",
        "文旅（文化旅游）",
        "Culture and tourism: 清源山 is 泉州's one 5A scenic area, besides 9 4A and 21 3A (W18, 2015); 八仙过海旅游度假区 in the "
        "台商投资区, 80亿元 (W17). Segment breakdown illustrative",
        "W18,W17",
    ),
    "cm": (
        "commerce-trade",
        "商贸（购物中心·物流园区）",
        "Commerce and trade: shopping centres (泉州浦西万达广场, W19), logistics parks (中国物流泉州综合物流园区, 10亿元, a "
        "福建省 2023 key project, W20), express hubs (汇通/中通/圆通/申通/韵达 Fujian HQs in 泉州, W21). Segment breakdown illustrative",
        "W19,W20,W21",
    ),
}
# the promotion direction of each chain (the ``direction`` column: manufacturing, culture-tourism, commerce-trade)
DIRECTION = {"ct": "culture-tourism", "cm": "commerce-trade"}
# chains generated with their own random stream, so that adding them left the other chains' rows as they were
NEW_CHAINS = ("ct", "cm")

# slug|name|stage(u/m/d)|parent|kw (for sample names)|plan(L lead, C cluster, W weak, X missing)|english|srcs
SEGMENTS = {
    "tx": """pet-chip|聚酯切片|u||化纤新材|W|Polyester chip (PET)|S1
polyester-filament|涤纶长丝（FDY/DTY）|u||化纤|L|Polyester filament yarn|S70,S37
nylon-filament|锦纶长丝|u||锦纶|C|Nylon filament|S25
spandex|氨纶|u||氨纶|X|Spandex / elastane|
yarn|纺纱（棉纱与混纺纱）|u||纺纱|C|Spun yarn|S24
dyes|染料与印染助剂|u||染化|W|Dyes and auxiliaries|
hi-perf-fiber|高性能纤维|u||高新纤维|X|High-performance fibre (aramid, UHMWPE)|
fabric|面料织造|m||织造|L|Fabric weaving and knitting|S70
knit|针织与经编面料|m|fabric|针织|L|Knitted and warp-knitted fabric|S70
woven|梭织面料|m|fabric|纺织|C|Woven fabric|S70
dyeing|印染|m||印染|L|Dyeing and printing|S70
functional-finishing|功能性整理|m||功能面料|W|Functional finishing|
accessories|服装辅料|m||辅料|L|Garment accessories|S70
zipper|拉链|m|accessories|拉链|L|Zippers|S36
trims|织带、纽扣与商标|m|accessories|织带|C|Webbing, buttons, labels|S70
shoe-materials|鞋材（鞋底与EVA）|m||鞋材|L|Shoe materials (soles, EVA)|
sportswear|运动鞋服|d||体育用品|L|Sportswear and sports shoes|S8,S24
menswear|男装|d||服饰|L|Menswear|S41
kidswear|童装|d||童装|C|Childrenswear|
footwear-oem|鞋类制造与代工|d||鞋业|L|Footwear manufacturing (OEM/ODM)|S8
smart-wear|智能穿戴|d||智能穿戴|X|Smart wearables|
ecommerce|品牌电商与零售|d||电商|W|Brand e-commerce and retail|
design|设计研发服务|d||设计|W|Design and R&D services|""",
    "pc": """crude|原油供应与贸易|u||石油|X|Crude oil supply and trade|
terminal|原油码头与仓储|u||港储|W|Crude terminals and storage|
catalyst|催化剂与助剂|u||催化|X|Catalysts and additives|
industrial-gas|工业气体|u||气体|W|Industrial gases|
engineering|石化工程与检维修|u||石化工程|C|Petrochemical engineering and maintenance|
refining|炼油|m||炼化|L|Oil refining|S13,S15
ethylene|乙烯裂解|m||乙烯|L|Ethylene cracking|S13,S16
aromatics|芳烃（PX）|m||芳烃|W|Aromatics (PX)|
pta|PTA（精对苯二甲酸）|m||PTA|X|Purified terephthalic acid|
meg|乙二醇|m||乙二醇|W|Mono-ethylene glycol|
resins|合成树脂|m||树脂|L|Synthetic resins|S14
polyolefin|聚乙烯与聚丙烯|m|resins|聚烯烃|L|Polyethylene and polypropylene|S14
engineering-plastics|工程塑料与改性塑料|m|resins|改性塑料|W|Engineering and modified plastics|
propylene-derivatives|丙烯下游（丙烯腈/环氧丙烷）|m||丙烯|C|Propylene derivatives|
eva|EVA与弹性体|m||弹性体|W|EVA and elastomers|
caprolactam|己内酰胺（CPL）|m||己内酰胺|X|Caprolactam|
plastics|塑料制品加工|d||塑胶|L|Plastic products|S14
fine-chem|精细化工与涂料|d||精细化工|C|Fine chemicals and coatings|
packaging-film|塑料包装薄膜|d||包装薄膜|C|Plastic packaging film|
fuel-retail|成品油销售|d||能源|C|Fuel retail|
new-materials|化工新材料|d||新材料|X|Advanced chemical materials|S14
chem-logistics|化工物流|d||化工物流|W|Chemical logistics|""",
    "sc": """ic-design|集成电路设计|u||芯片设计|W|IC design|S21
eda-ip|EDA与IP|u||芯软|X|EDA tools and IP cores|
silicon-wafer|硅片|u||硅材料|X|Silicon wafers|
compound-substrate|化合物衬底（SiC/GaAs/蓝宝石）|u||衬底|C|Compound substrates|S22,S23
special-gas|电子特气|u||电子气体|X|Electronic special gases|
wet-chemicals|湿电子化学品|u||电子化学|W|Wet electronic chemicals|
photoresist-targets|光刻胶与靶材|u||光电材料|X|Photoresists and sputtering targets|
equipment|半导体设备|u||半导体装备|X|Semiconductor equipment|
foundry|晶圆代工|m||晶圆|X|Wafer foundry|
dram|存储器制造（DRAM）|m||存储|L|Memory manufacturing (DRAM)|S17,S21
compound-epi|化合物半导体外延与芯片|m||化合物半导体|L|Compound-semiconductor epitaxy and chips|S22
rf|射频器件|m|compound-epi|射频|C|RF devices|S22
power-devices|功率器件|m|compound-epi|功率半导体|W|Power devices|S22
led-chip|LED芯片|m||光电芯片|L|LED chips|S18,S23
packaging-test|封装测试|m||封测|W|Packaging and testing|S21
optical-comm-chip|光通信芯片|m||光通信|W|Optical-communication chips|S22
led-lighting|LED照明与显示|d||照明|L|LED lighting and displays|S23
optical-module|光通信模块|d||光模块|W|Optical modules|
security|智能安防|d||安防|C|Smart security|S23
mobile-terminal|移动通信终端|d||通信|C|Mobile communication terminals|S23
components-power|新型元器件与电源|d||电子元件|C|New components and power supplies|S23
digital-av|数字视听|d||视听|C|Digital audio-visual|S23
auto-electronics|汽车电子|d||车载电子|X|Automotive electronics|""",
    "me": """steel-castings|钢材与铸锻件|u||铸锻|C|Steel, castings and forgings|
hydraulics|液压件|u||液压|X|Hydraulic components|
engines|发动机与动力总成|u||动力|X|Engines and powertrains|
bearings-gears|轴承与齿轮传动|u||传动|W|Bearings and gear drives|
motor-control|电机与智能控制系统|u||智控|W|Motors and intelligent control|
cnc|数控系统|u||数控|X|CNC systems|
sheet-metal|钣金与结构件|u||钣金|C|Sheet metal and structural parts|
construction-machinery|工程机械整机|m||工程机械|L|Construction machinery|S44
loaders|装载机与挖掘机|m|construction-machinery|重工|L|Loaders and excavators|S45
road-machinery|路面机械与沥青搅拌设备|m|construction-machinery|路面机械|L|Road machinery and asphalt mixing plants|S43,S44
textile-machinery|纺织机械|m||纺机|L|Textile machinery|S24
shoe-machinery|制鞋机械|m||鞋机|C|Shoe-making machinery|
stone-machinery|石材机械|m||石材机械|C|Stone-processing machinery|
food-machinery|食品包装机械|m||包装机械|W|Food and packaging machinery|
industrial-robot|工业机器人|m||机器人|W|Industrial robots|
construction-services|工程施工与设备租赁|d||工程服务|C|Construction services and equipment rental|
aftermarket|后市场与再制造|d||再制造|W|Aftermarket and remanufacturing|
system-integration|智能制造系统集成|d||智能制造|X|Smart-manufacturing system integration|
logistics-equipment|物流与仓储装备|d||物流装备|X|Logistics and warehouse equipment|""",
    "bm": """raw-stone|石材荒料|u||石业|W|Raw stone blocks|
brass|铜材与铜棒|u||铜业|C|Brass and copper rods|
ceramic-clay|陶瓷原料与釉料|u||陶瓷原料|C|Ceramic raw materials and glazes|
glass|建筑玻璃|u||玻璃|X|Architectural glass|
valve-cartridge|阀芯与五金配件|u||五金|L|Valve cartridges and hardware|
aluminium|铝型材|u||铝业|W|Aluminium profiles|
stone-processing|石材加工|m||石材|L|Stone processing|S42
plumbing|水暖卫浴|m||水暖|L|Plumbing and sanitary ware|S42
faucets|水龙头与阀门|m|plumbing|卫浴|L|Faucets and valves|S42
sanitary-ceramics|卫生陶瓷|m|plumbing|洁具|C|Sanitary ceramics|W2
smart-toilet|智能马桶|m|plumbing|智能卫浴|W|Smart toilets|
tiles|建筑陶瓷（瓷砖）|m||陶瓷|L|Ceramic tiles|
plastic-pipes|塑料管材管件|m||管业|C|Plastic pipes and fittings|
doors-windows|门窗幕墙|m||门窗|W|Doors, windows and curtain walls|
bath-solutions|整体卫浴与厨房|d||厨卫|C|Integrated bathrooms and kitchens|S42
custom-furniture|定制家居|d||家居|W|Custom furniture|
prefab-building|装配式建筑|d||建筑科技|X|Prefabricated buildings|
smart-home|智能家居|d||智能家居|X|Smart home|
decoration|装饰工程|d||装饰|C|Decoration engineering|
stone-export|石材贸易与进出口|d||石材贸易|C|Stone trade and export|""",
    "fb": """grain-oil|面粉与油脂|u||粮油|C|Flour and edible oils|
sugar-dairy|糖与乳粉原料|u||糖业|W|Sugar and milk-powder ingredients|
additives|食品添加剂与配料|u||配料|X|Food additives and ingredients|
packaging|食品包装材料|u||包装|C|Food packaging materials|
aquatic|水产原料|u||水产|C|Aquatic raw materials|
fruit-veg|果蔬种植与原料|u||农业|W|Fruit and vegetable raw materials|
pulp|纸浆与无纺布原料|u||纸浆|X|Pulp and nonwoven raw materials|
snacks|休闲食品（饼干糕点）|m||食品|L|Snack foods (biscuits, pastries)|S32,S39
jelly-puffed|果冻与膨化食品|m||休闲食品|L|Jelly and puffed snacks|S40
beverage|饮料|m||饮品|L|Beverages|
dairy|乳制品|m||乳业|X|Dairy products|
seasoning|调味品|m||调味|W|Seasonings|
seafood-processing|水产加工|m||海洋食品|C|Seafood processing|
hygiene|生活用纸与卫生用品（日化）|m||护理用品|L|Tissue and hygiene products|S29
cold-chain|冷链物流|d||冷链|W|Cold-chain logistics|
channels|商超与电商渠道|d||商贸|C|Retail and e-commerce channels|
catering|餐饮与中央厨房|d||餐饮|C|Catering and central kitchens|
prepared-food|预制菜|d||预制食品|X|Prepared dishes|
health-food|功能与健康食品|d||健康食品|W|Functional and health foods|S4
export-trade|食品外贸|d||食品贸易|C|Food export trade|""",
    "cc": """kaolin|高岭土与瓷土|u||瓷土|C|Kaolin and porcelain clay|
glaze|釉料与色料|u||釉料|W|Glazes and pigments|
kiln|窑炉与成型设备|u||窑炉|W|Kilns and forming equipment|
incense-materials|香料与香粉原料|u||香料|X|Incense raw materials|
bamboo-wood|竹木原料|u||竹木|W|Bamboo and wood materials|
daily-ceramics|日用陶瓷|m||瓷业|L|Daily-use ceramics|S48
art-ceramics|工艺陶瓷与陶瓷雕塑|m||艺术陶瓷|L|Art ceramics and ceramic sculpture|S48
tea-ware|陶瓷茶具|m||茶具|L|Ceramic tea-ware|S1
incense|制香|m||香业|L|Incense making|S50
resin-crafts|树脂工艺品|m||工艺品|C|Resin crafts|
stone-carving|石雕石刻|m||石雕|C|Stone carving|
candle-gifts|蜡烛与家居饰品|m||家居饰品|C|Candles and home décor|
gift-packaging|工艺品包装|m||彩印包装|W|Craft packaging|
cross-border|跨境电商与外贸|d||进出口|C|Cross-border e-commerce and export|
cultural-design|文创设计|d||文创|W|Cultural and creative design|
hotel-ware|酒店用瓷|d||酒店用品|X|Hotel tableware|
incense-culture|香文化与文旅|d||香文化|W|Incense culture and tourism|
ceramic-tourism|陶瓷文旅与大师工作室|d||陶艺文旅|X|Ceramic tourism and master studios|""",
    "tea": """seedlings|茶苗育种|u||茶苗|W|Tea seedlings and breeding|
plantation|茶园种植|u||茶园|L|Tea plantations|S49
fertilizer|有机肥与植保|u||农资|X|Organic fertiliser and plant protection|
tea-machinery|茶叶机械|u||茶机|W|Tea machinery|
primary-processing|毛茶初制|m||茶厂|L|Primary tea processing|
refining|精制与拼配|m||茶业|L|Tea refining and blending|
deep-processing|茶叶深加工（茶多酚/速溶茶）|m||茶生物|X|Deep processing (tea polyphenols, instant tea)|
tea-packaging|茶叶包装|m||茶包装|W|Tea packaging|
testing|检测认证|m||检测|X|Testing and certification|
brand-marketing|品牌营销与专卖|d||茶叶|L|Brand marketing and stores|S49
ecommerce|茶叶电商|d||茶电商|C|Tea e-commerce|
rtd-tea|茶饮料|d||茶饮料|X|Ready-to-drink tea|
new-style-tea|新式茶饮|d||茶饮|W|New-style tea drinks|
tea-tourism|茶旅文旅|d||茶旅|C|Tea tourism|
export|茶叶出口|d||茶叶贸易|C|Tea export|""",
    "ct": """heritage-resources|文物与遗产资源活化|u||文保|C|Heritage sites and relics|
planning-design|文旅规划设计|u||文旅规划|W|Tourism planning and design|
ip-content|文化IP与内容创作|u||文创内容|X|Cultural IP and content|
scenic-operation|景区运营|m||景区|L|Scenic-area operation|W18
theme-park|主题乐园与度假区|m||度假区|C|Theme parks and resorts|W17
hotel|酒店住宿|m||酒店|L|Hotels and lodging|
homestay|精品民宿|m||民宿|W|Boutique homestays|
catering|闽南特色餐饮|m||餐饮|C|Local cuisine|
performance|演艺（南音·提线木偶）|m||演艺|W|Performing arts|
cultural-creative|文创产品|d||文创|C|Cultural and creative products|
travel-agency|旅行社与定制游|d||旅行|C|Travel agencies|
smart-tourism|智慧文旅平台|d||智慧旅游|X|Smart-tourism platforms|
study-tour|研学旅行|d||研学|X|Study tours|
cruise-yacht|邮轮游艇|d||游艇|X|Cruise and yachts|
festival-exhibition|节庆会展|d||节庆|W|Festivals and exhibitions|""",
    "cm": """land-development|商业地产开发|u||商业地产|C|Commercial real-estate development|
supply-chain-finance|供应链金融|u||供应链|X|Supply-chain finance|
cold-storage|冷链仓储|u||冷链|W|Cold-chain storage|
shopping-mall|购物中心|m||商业广场|X|Shopping centres|W19
department-store|百货与连锁商超|m||商超|C|Department stores and supermarkets|W30
logistics-park|物流园区|m||物流园|X|Logistics parks|W20
express-hub|快递分拨中心|m||快递|C|Express sorting hubs|W21
wholesale-market|专业批发市场|m||批发市场|C|Wholesale markets|
trade-circulation|商贸流通与分销|m||商贸|W|Trade and distribution|
ecommerce-live|直播电商|d||直播电商|W|Live-stream e-commerce|
cross-border-ec|跨境电商|d||跨境电商|C|Cross-border e-commerce|
exhibition-trade|会展与展贸|d||展贸|X|Exhibitions and trade shows|
outlets|品牌奥特莱斯|d||奥莱|X|Outlet malls|
bonded-retail|保税展示交易|d||保税|X|Bonded display and retail|
urban-delivery|城市配送|d||城配|C|Urban delivery|""",
}

# FEEDS: "from>to:weight[:srcs]"; ids without a dot are prefixed with the block's chain prefix
LINKS = {
    "tx": """pet-chip>polyester-filament:0.9:S1 polyester-filament>knit:0.8:S70 polyester-filament>woven:0.6:S70
nylon-filament>knit:0.6 spandex>knit:0.5 yarn>woven:0.7:S24 yarn>knit:0.5:S24 hi-perf-fiber>functional-finishing:0.4
dyes>dyeing:0.8 knit>dyeing:0.8:S70 woven>dyeing:0.7:S70 dyeing>functional-finishing:0.5 dyeing>sportswear:0.8:S24
dyeing>menswear:0.7:S24 dyeing>kidswear:0.6 functional-finishing>sportswear:0.5 zipper>sportswear:0.4:S70
zipper>menswear:0.4:S70 trims>menswear:0.4 trims>kidswear:0.3 shoe-materials>footwear-oem:0.9 shoe-materials>sportswear:0.8
footwear-oem>sportswear:0.7 functional-finishing>smart-wear:0.3 sportswear>ecommerce:0.6 menswear>ecommerce:0.5
kidswear>ecommerce:0.4 design>sportswear:0.4 design>menswear:0.3""",
    "pc": """crude>refining:1.0 terminal>refining:0.6 catalyst>refining:0.5 catalyst>ethylene:0.4 industrial-gas>ethylene:0.3
engineering>refining:0.3 refining>ethylene:0.9 refining>aromatics:0.8 refining>fuel-retail:0.9 refining>propylene-derivatives:0.5
aromatics>pta:0.9 ethylene>meg:0.8 ethylene>polyolefin:0.9 ethylene>eva:0.6 ethylene>propylene-derivatives:0.6
aromatics>caprolactam:0.5 polyolefin>plastics:0.9:S14 polyolefin>packaging-film:0.8 engineering-plastics>plastics:0.6
polyolefin>engineering-plastics:0.5 propylene-derivatives>fine-chem:0.5 eva>plastics:0.4 fine-chem>new-materials:0.5
engineering-plastics>new-materials:0.5 chem-logistics>fuel-retail:0.3 industrial-gas>fine-chem:0.3
pta>tx.pet-chip:0.9:S24 meg>tx.pet-chip:0.9:S24 refining>tx.polyester-filament:0.5:S1 caprolactam>tx.nylon-filament:0.8
eva>tx.shoe-materials:0.8 fine-chem>tx.dyes:0.5 propylene-derivatives>tx.hi-perf-fiber:0.4 polyolefin>bm.plastic-pipes:0.8:S14
engineering-plastics>bm.smart-toilet:0.4 fine-chem>bm.decoration:0.4 packaging-film>fb.packaging:0.8 polyolefin>fb.hygiene:0.5
industrial-gas>sc.special-gas:0.4 fine-chem>sc.wet-chemicals:0.4 fine-chem>cc.resin-crafts:0.5 refining>cc.candle-gifts:0.5
packaging-film>tea.tea-packaging:0.5""",
    "sc": """eda-ip>ic-design:0.6 ic-design>foundry:0.7:S21 silicon-wafer>foundry:0.9 silicon-wafer>dram:0.9 special-gas>dram:0.6
wet-chemicals>dram:0.5 photoresist-targets>dram:0.6 equipment>dram:0.8 equipment>foundry:0.8 equipment>compound-epi:0.6
compound-substrate>compound-epi:0.9:S22 compound-substrate>led-chip:0.8:S23 special-gas>compound-epi:0.5
compound-substrate>rf:0.6 compound-substrate>power-devices:0.6 dram>packaging-test:0.8:S21 foundry>packaging-test:0.8
rf>packaging-test:0.5 power-devices>packaging-test:0.5 led-chip>led-lighting:0.9:S23 optical-comm-chip>optical-module:0.9
compound-epi>optical-comm-chip:0.5:S22 packaging-test>mobile-terminal:0.7:S21 packaging-test>security:0.5 packaging-test>digital-av:0.5
packaging-test>auto-electronics:0.5 rf>mobile-terminal:0.6 power-devices>components-power:0.7 power-devices>auto-electronics:0.6
components-power>security:0.4 led-chip>digital-av:0.4 components-power>mobile-terminal:0.4
power-devices>me.motor-control:0.6 packaging-test>me.cnc:0.4 components-power>me.industrial-robot:0.4
led-lighting>bm.smart-home:0.4 components-power>bm.smart-toilet:0.4""",
    "me": """steel-castings>loaders:0.8 steel-castings>road-machinery:0.8 steel-castings>textile-machinery:0.5 hydraulics>loaders:0.9
hydraulics>road-machinery:0.6 engines>loaders:0.9 engines>road-machinery:0.7 bearings-gears>loaders:0.5
bearings-gears>textile-machinery:0.6 motor-control>textile-machinery:0.6 motor-control>shoe-machinery:0.6
motor-control>industrial-robot:0.8 cnc>stone-machinery:0.6 cnc>industrial-robot:0.6 sheet-metal>food-machinery:0.6
sheet-metal>stone-machinery:0.5 sheet-metal>road-machinery:0.5 loaders>construction-services:0.8
road-machinery>construction-services:0.8 loaders>aftermarket:0.5 road-machinery>aftermarket:0.5
industrial-robot>system-integration:0.8 motor-control>system-integration:0.5 industrial-robot>logistics-equipment:0.5
textile-machinery>tx.knit:0.6:S24 textile-machinery>tx.woven:0.5:S24 textile-machinery>tx.dyeing:0.4
shoe-machinery>tx.footwear-oem:0.6 shoe-machinery>tx.shoe-materials:0.4 stone-machinery>bm.stone-processing:0.7
food-machinery>fb.snacks:0.5 food-machinery>fb.beverage:0.4 sheet-metal>tea.tea-machinery:0.4""",
    "bm": """raw-stone>stone-processing:0.9 brass>faucets:0.9 brass>valve-cartridge:0.6 valve-cartridge>faucets:0.8
ceramic-clay>sanitary-ceramics:0.9 ceramic-clay>tiles:0.9 glass>doors-windows:0.7 glass>bath-solutions:0.4
aluminium>doors-windows:0.8 faucets>bath-solutions:0.8 sanitary-ceramics>bath-solutions:0.8 smart-toilet>bath-solutions:0.6
sanitary-ceramics>smart-toilet:0.7 stone-processing>decoration:0.7 stone-processing>stone-export:0.6 tiles>decoration:0.7
plastic-pipes>decoration:0.5 doors-windows>prefab-building:0.6 plastic-pipes>prefab-building:0.4
bath-solutions>prefab-building:0.4 bath-solutions>custom-furniture:0.4 smart-toilet>smart-home:0.5 doors-windows>decoration:0.5
stone-processing>cc.stone-carving:0.4""",
    "fb": """grain-oil>snacks:0.9 grain-oil>jelly-puffed:0.5 sugar-dairy>snacks:0.7 sugar-dairy>beverage:0.6
sugar-dairy>jelly-puffed:0.6 additives>jelly-puffed:0.6 additives>beverage:0.5 additives>seasoning:0.5
packaging>snacks:0.6 packaging>beverage:0.7 packaging>jelly-puffed:0.6 aquatic>seafood-processing:0.9
fruit-veg>beverage:0.5 fruit-veg>prepared-food:0.5 pulp>hygiene:0.9 snacks>channels:0.8 jelly-puffed>channels:0.7
beverage>channels:0.8 dairy>channels:0.5 seasoning>catering:0.6 seafood-processing>prepared-food:0.7
seafood-processing>cold-chain:0.6 seafood-processing>export-trade:0.5 hygiene>channels:0.7 snacks>export-trade:0.4
additives>health-food:0.5 dairy>health-food:0.4 prepared-food>catering:0.5""",
    "cc": """kaolin>daily-ceramics:0.9 kaolin>art-ceramics:0.8 kaolin>tea-ware:0.9 glaze>daily-ceramics:0.6 glaze>art-ceramics:0.7
glaze>tea-ware:0.6 kiln>daily-ceramics:0.5 kiln>art-ceramics:0.5 kiln>tea-ware:0.5 incense-materials>incense:0.9
bamboo-wood>incense:0.7 bamboo-wood>gift-packaging:0.4 daily-ceramics>hotel-ware:0.7 daily-ceramics>cross-border:0.6
art-ceramics>cross-border:0.6 art-ceramics>cultural-design:0.5 tea-ware>cross-border:0.5 incense>incense-culture:0.6
incense>cross-border:0.4 resin-crafts>cross-border:0.7 candle-gifts>cross-border:0.7 stone-carving>cultural-design:0.4
gift-packaging>cross-border:0.4 art-ceramics>ceramic-tourism:0.5 tea-ware>tea.brand-marketing:0.6:S1
tea-ware>tea.tea-tourism:0.4""",
    "tea": """seedlings>plantation:0.8 fertilizer>plantation:0.6 plantation>primary-processing:1.0
tea-machinery>primary-processing:0.7 tea-machinery>refining:0.5 primary-processing>refining:0.9 refining>deep-processing:0.5
tea-packaging>brand-marketing:0.5 refining>brand-marketing:0.9 refining>ecommerce:0.6 refining>export:0.6 testing>export:0.4
deep-processing>rtd-tea:0.8 deep-processing>new-style-tea:0.5 refining>new-style-tea:0.4 brand-marketing>tea-tourism:0.4
deep-processing>fb.beverage:0.5""",
    "ct": """heritage-resources>scenic-operation:0.9 planning-design>scenic-operation:0.5 planning-design>theme-park:0.5
ip-content>cultural-creative:0.7 ip-content>performance:0.6 scenic-operation>hotel:0.7 scenic-operation>travel-agency:0.7
theme-park>hotel:0.6 hotel>catering:0.4 homestay>travel-agency:0.4 performance>festival-exhibition:0.5
scenic-operation>study-tour:0.5 scenic-operation>smart-tourism:0.4 travel-agency>cruise-yacht:0.3
cultural-creative>festival-exhibition:0.4 tea.tea-tourism>scenic-operation:0.4 cc.ceramic-tourism>cultural-creative:0.4""",
    "cm": """land-development>shopping-mall:0.9 land-development>outlets:0.6 land-development>logistics-park:0.5
supply-chain-finance>trade-circulation:0.5 cold-storage>logistics-park:0.5 cold-storage>urban-delivery:0.5
shopping-mall>outlets:0.3 logistics-park>express-hub:0.7 logistics-park>cross-border-ec:0.6 express-hub>urban-delivery:0.8
express-hub>ecommerce-live:0.6 wholesale-market>trade-circulation:0.7 trade-circulation>ecommerce-live:0.5
trade-circulation>exhibition-trade:0.4 cross-border-ec>bonded-retail:0.5 department-store>trade-circulation:0.4
tx.sportswear>ecommerce-live:0.4 tx.ecommerce>cross-border-ec:0.4 fb.cold-chain>cold-storage:0.5""",
}

# --------------------------------------------------------------------------- real firms
# id|name|short|aliases|region|local_site|country|listed|overseas_chinese|srcs|note   (srcs empty -> illustrative)
REAL = """anta|安踏体育用品有限公司|安踏|安踏体育用品集团有限公司|350582|false|CN|HKEX:2020||S26,S27,S55|located 晋江 per S26 (Xinhua 2022); S27 (2020) gives the head office as Xiamen; S55 lists 安踏体育用品集团有限公司 among 2018 民营500强 (rank not given)
xtep|特步国际控股有限公司|特步|特步國際控股|Xtep International Holdings|350500.etdz|false|CN|HKEX:1368||S30|2010 head office 泉州经济技术开发区
361degrees|361度国际有限公司|361度|361°|361 Degrees International|350200|true|CN|HKEX:1361||S31|factory 晋江陈埭, head office Xiamen (2014)
septwolves|福建七匹狼实业股份有限公司|七匹狼|Fujian Septwolves Industry|350200|true|CN|SZSE:002029||S33,S34|founded 晋江 1990, now Xiamen, factory in Quanzhou
lilang|利郎(中国)有限公司|利郎|China Lilang|350582|false|CN|HKEX:1234||S35,W5|晋江; group revenue 2023 35.44亿元 per W5
sbs-zipper|福建浔兴拉链科技股份有限公司|浔兴|SBS Zipper|Fujian SBS Zipper Science & Technology|350582|false|CN|SZSE:002098||S36|晋江
billion|百宏实业控股有限公司|百宏|Billion Industrial Holdings|350582|false|CN|HKEX:2299||S37,S70|晋江; polyester FDY/DTY
jiaba|劲霸男装股份有限公司|劲霸|劲霸男装|350582|false|CN|||S41,W3|晋江 (S41); full name per W3
qipai|柒牌|柒牌||350582|false|CN|||S41|晋江 (S41); legal entity name not verified
joeone|九牧王股份有限公司|九牧王|JOEONE|350500.etdz|false|CN|SSE:601566||W4|address 泉州市经济技术开发区清蒙园区 per its 2011 prospectus (W4)
frep|福建联合石油化工有限公司|联合石化|FREP|Fujian Refining & Petrochemical|350505|false|CN|||S13,S14|泉港; JV Fujian Petrochemical 50 %, ExxonMobil 25 %, Aramco 25 %; 12 Mt/yr refining, 0.8 Mt/yr ethylene
sinochem-qz|中化泉州石化有限公司|中化泉州||350521|false|CN|||S11,S15,S16|惠安 泉惠石化园; Sinochem subsidiary; phase II 15 Mt/yr refining, 1 Mt/yr ethylene
jhicc|福建省晋华集成电路有限公司|晋华|JHICC|Fujian Jinhua Integrated Circuit|350582|false|CN|||S17|晋江; state-owned DRAM maker founded 2016
sanan-qz|泉州三安半导体科技有限公司|泉州三安||350583|false|CN|||S18,S19|南安; subsidiary of 三安光电
sanan-opto|三安光电股份有限公司|三安光电|Sanan Optoelectronics|350200||CN|SSE:600703||S18,S19|head office Xiamen; parent of 泉州三安 (local row sanan-qz)
jomoo|泉州科牧智能厨卫有限公司|九牧|JOMOO|350583|false|CN|||S42|南安
zhongyu|中宇建材集团|中宇|中宇集团|350583|false|CN|||S42,W1,W2|南安; group name per W1/W2, legal suffix not verified
shenluda|申鹭达股份有限公司|申鹭达||350583|false|CN|||S42,W2|南安
nflg|福建南方路面机械股份有限公司|南方路机|NFLG|350503|false|CN|SSE:603280||S43|丰泽
tietuo|福建省铁拓机械股份有限公司|铁拓机械||350504|false|CN|BSE:873706||S44|洛江
jingong|福建晋工机械有限公司|晋工|Fujian Jingong Machinery|350582|false|CN|||S45|晋江 安海; Chinese name rendered from the English name in S45
hengan|恒安国际集团有限公司|恒安|Hengan International Group|福建恒安集团有限公司|350582|false|CN|HKEX:1044||S29,S55|晋江 安海; S55: 福建恒安集团 among 2018 民营500强 (rank not given)
dali|达利食品集团有限公司|达利|達利食品集團有限公司|Dali Foods|350521|false|CN|||S32,S55|惠安; HKEX 3799 listing status unverified, so listed_code left empty
panpan|福建盼盼食品集团|盼盼||350582|false|CN|||S39|晋江
qinqin|亲亲食品集团|亲亲|Qinqin Foods|350582|false|CN|HKEX:1583||S40|晋江
shunmei|德化顺美陶瓷|顺美||350526|false|CN|||S48|德化; legal entity name not verified
dongfu|泉州东福陶瓷|东福||350526|false|CN|||S48|德化; legal entity name not verified
dasheng|永春达盛香业股份有限公司|达盛||350525|false|CN|||S50|永春
xm-cd|厦门建发集团有限公司|建发|厦门建发|350200||CN|||S57,S54|ranked on the lists below
xm-itg|厦门国贸控股集团有限公司|国贸控股|厦门国贸控股|厦门国贸|350200||CN|||S57,S54|ranked on the lists below
xm-xiangyu|厦门象屿集团有限公司|象屿|厦门象屿|350200||CN|||S57,S54|ranked on the lists below
zijin|紫金矿业集团股份有限公司|紫金矿业|紫金|350000||CN|||S58,S68,S59,S57|Fujian firm (S57); ranked on the lists below
cib|兴业银行股份有限公司|兴业银行|兴业|350000||CN|||S63,S64,S57|Fujian firm (S57); ranked on the lists below
catl|宁德时代新能源科技股份有限公司|宁德时代||350900||CN|||S60,S54|ranked on the lists below
xinyi-solar|信义光能控股有限公司|信义光能||810000||CN||true|S56|泉籍 firm on Hurun China 500 2022 (rank 151, market value); region Hong Kong is illustrative
xinyi-glass|信义玻璃控股有限公司|信义玻璃||810000||CN||true|S56|泉籍 firm on Hurun China 500 2022 (rank 237); region Hong Kong is illustrative
want-want|中国旺旺控股有限公司|中国旺旺|旺旺|310000||CN||true|S56|泉籍 firm on Hurun China 500 2022 (rank 205); region Shanghai is illustrative
sinopec|中国石油化工集团有限公司|中国石化|Sinopec|110000||CN|||S13|partner in FREP through Fujian Petrochemical (S13); other facts illustrative
sinochem|中国中化控股有限责任公司|中国中化|Sinochem|110000||CN|||S15|parent of 中化泉州 (S15); other facts illustrative
aramco|沙特阿拉伯国家石油公司|沙特阿美|Saudi Aramco|SA||SA|||S13|25 % partner in FREP (S13); other facts illustrative
exxonmobil|埃克森美孚公司|埃克森美孚|ExxonMobil|US||US|||S13|25 % partner in FREP (S13); other facts illustrative
hengli|恒力集团有限公司|恒力||320500||CN||||
rongsheng|浙江荣盛控股集团有限公司|荣盛|Zhejiang Rongsheng Holding Group|330100||CN||||
tongkun|桐昆集团股份有限公司|桐昆||330400||CN||||
xinfengming|新凤鸣集团股份有限公司|新凤鸣||330400||CN||||
huafon|浙江华峰氨纶股份有限公司|华峰氨纶||330000||CN||||
longsheng|浙江龙盛集团股份有限公司|浙江龙盛||330600||CN||||
toray|东丽株式会社|东丽|Toray Industries|JP||JP||||
hyosung|晓星集团|晓星|Hyosung|KR||KR||||
pouchen|宝成工业股份有限公司|宝成|Pou Chen|710000||TW||||
fenc|远东新世纪股份有限公司|远东新世纪|Far Eastern New Century|710000||TW||||
wanhua|万华化学集团股份有限公司|万华化学||370000||CN||||
basf|巴斯夫欧洲公司|巴斯夫|BASF SE|DE||DE||||
airliquide|法国液化空气集团|液化空气|Air Liquide|FR||FR||||
tsmc|台湾积体电路制造股份有限公司|台积电|台積電|TSMC|710000||TW||||
smic|中芯国际集成电路制造有限公司|中芯国际|SMIC|310000||CN||||
naura|北方华创科技集团股份有限公司|北方华创||110000||CN||||
amec|中微半导体设备（上海）股份有限公司|中微公司||310000||CN||||
nsig|上海硅产业集团股份有限公司|沪硅产业||310000||CN||||
jcet|江苏长电科技股份有限公司|长电科技||320200||CN||||
ase|日月光投资控股股份有限公司|日月光|ASE Technology|710000||TW||||
shinetsu|信越化学工业株式会社|信越化学|Shin-Etsu Chemical|JP||JP||||
amat|应用材料公司|应用材料|Applied Materials|US||US||||
sany|三一重工股份有限公司|三一重工||430100||CN||||
xcmg|徐州工程机械集团有限公司|徐工|XCMG|320300||CN||||
hengli-hyd|江苏恒立液压股份有限公司|恒立液压||320400||CN||||
weichai|潍柴动力股份有限公司|潍柴动力||370700||CN||||
cummins|康明斯公司|康明斯|Cummins|US||US||||
rexroth|博世力士乐公司|博世力士乐|Bosch Rexroth|DE||DE||||
inovance|深圳市汇川技术股份有限公司|汇川技术||440300||CN||||
fanuc|发那科株式会社|发那科|FANUC|JP||JP||||
hnc|武汉华中数控股份有限公司|华中数控||420100||CN||||
kohler|科勒公司|科勒|Kohler|US||US||||
toto|TOTO株式会社|TOTO||JP||JP||||
lesso|中国联塑集团控股有限公司|中国联塑||440600||CN||||
broad-homes|长沙远大住宅工业集团股份有限公司|远大住宅||430100||CN||||
haier|海尔智家股份有限公司|海尔智家||370200||CN||||
yili|内蒙古伊利实业集团股份有限公司|伊利||150100||CN||||
yihai|益海嘉里金龙鱼粮油食品股份有限公司|金龙鱼||310000||CN||||
angel|安琪酵母股份有限公司|安琪酵母||420000||CN||||
nestle|雀巢公司|雀巢|Nestlé|CH||CH||||
cnpc|中国石油天然气集团有限公司|中国石油|China National Petroleum|110000||CN||||head office Beijing per D2/D3
cnooc|中国海洋石油集团有限公司|中国海油|China National Offshore Oil|110000||CN||||head office Beijing per D2/D3
chemchina|中国化工集团有限公司|中国化工|ChemChina|110000||CN||||head office Beijing per D2/D3
hengyi|浙江恒逸集团有限公司|恒逸|Zhejiang Hengyi Group|330100||CN||||city from common knowledge
shenghong|盛虹控股集团有限公司|盛虹|Shenghong Holding Group|320500||CN||||city from common knowledge
weiqiao|山东魏桥创业集团有限公司|魏桥|Shandong Weiqiao Pioneering Group|370000||CN||||province per D3
foxconn|鸿海精密工业股份有限公司|鸿海|鴻海|Hon Hai Precision Industry|富士康|710000||TW||||New Taipei per D2/D3
pegatron|和硕联合科技股份有限公司|和硕|Pegatron|710000||TW||||Taipei per D2
quanta|广达电脑股份有限公司|广达|Quanta Computer|710000||TW||||Taoyuan per D2
compal|仁宝电脑工业股份有限公司|仁宝|Compal Electronics|710000||TW||||Taipei per D2
wistron|纬创资通股份有限公司|纬创|Wistron|710000||TW||||Taipei per D2
cpc-tw|台湾中油股份有限公司|台湾中油|CPC Corporation, Taiwan|710000||TW||||Kaohsiung per D2
fpcc|台塑石化股份有限公司|台塑石化|Formosa Petrochemical|710000||TW||||Mailiao per D2
samsung|三星电子株式会社|三星电子|Samsung Electronics|KR||KR||||Suwon per D2/D3
intel|英特尔公司|英特尔|Intel|US||US||||
lgchem|LG化学株式会社|LG化学|LG Chem|KR||KR||||Seoul per D2
dow|陶氏公司|陶氏|Dow|US||US||||
bosch|罗伯特·博世有限公司|博世|Robert Bosch|Bosch Group|DE||DE||||Stuttgart per D3
cofco|中粮集团有限公司|中粮|COFCO|110000||CN||||head office Beijing per D2/D3
wilmar|丰益国际有限公司|丰益国际|Wilmar International|SG||SG||||Singapore per D2/D3
midea|美的集团股份有限公司|美的|Midea Group|440600||CN||||Foshan per D2/D3
gree|珠海格力电器股份有限公司|格力|Gree Electrical Appliances|440000||CN||||Zhuhai per D2 (province only in regions.csv)
huawei|华为投资控股有限公司|华为|Huawei Investment & Holding|440300||CN||||Shenzhen per D2/D3
lenovo|联想集团有限公司|联想|Lenovo Group|810000||CN||||Hong Kong per D2/D3
byd|比亚迪股份有限公司|比亚迪|BYD|440300||CN||||city from common knowledge
geely|浙江吉利控股集团有限公司|吉利|Zhejiang Geely Holding Group|330100||CN||||Hangzhou per D2/D3
jd|京东集团股份有限公司|京东|JD.com|110000||CN||||Beijing per D2/D3
alibaba|阿里巴巴集团控股有限公司|阿里巴巴|Alibaba Group|330100||CN||||Hangzhou per D2/D3
tencent|腾讯控股有限公司|腾讯|Tencent Holdings|440300||CN||||Shenzhen per D2/D3
bytedance|北京字节跳动科技有限公司|字节跳动|ByteDance|110000||CN||||city from common knowledge
muyuan|牧原食品股份有限公司|牧原|Muyuan Foods|410000||CN||||province from common knowledge
state-grid|国家电网有限公司|国家电网|State Grid|110000||CN||||head office Beijing per D2/D3
icbc|中国工商银行股份有限公司|工商银行|Industrial & Commercial Bank of China|110000||CN||||head office Beijing per D2/D3
ccb|中国建设银行股份有限公司|建设银行|China Construction Bank|110000||CN||||head office Beijing per D2/D3
qingyuanshan|清源山风景名胜区|清源山|清源山景区|350500|false|CN|||W18|泉州's one 5A scenic area (2015); a scenic area, its operator's legal name not given by the source
baxian|八仙过海旅游度假区|八仙过海|泉州八仙过海欢乐水世界|350521.tsz|false|CN|||W17|resort in the 台商投资区, 2360亩, 总投资80亿元, water park opened 2020-07-09; operator's legal name not given by the source
wanda-qz|泉州浦西万达广场|浦西万达|Quanzhou Puxi Wanda Plaza|350500|false|CN|||W19|Wanda complex in 泉州 (~100亿元, 123万㎡); opening year not given in the page
zhongmin-baihui|中闽百汇零售集团|中闽百汇|Zhongmin Baihui Retail Group|350505|true|CN|||W30|malls in Quanzhou (smallest in 泉港) and Xiamen (flagship 五缘湾/Wucun), 2013
cl-qz-park|中国物流泉州综合物流园区|中国物流泉州园区||350521|false|CN|||W20|惠安县黄塘镇, 500亩, 总投资10亿元, 福建省交通运输现代服务业2023年重点项目; operator's legal name not given by the source
zto|中通快递股份有限公司|中通快递|ZTO Express|310000|true|CN|||W21|set its Fujian head office in 泉州 (W21); head office 上海 from common knowledge
cr-land|华润置地有限公司|华润置地|China Resources Land|810000||CN||||named as a sample candidate (the action plan names 华润万象城; no page confirming a 泉州万象城 was found)
nine-dragons-qz|玖龙纸业(泉州)有限公司|玖龙纸业泉州||350500|false|CN|||W28|年产65万吨高档牛卡纸扩建工程 in production by 2019-05
hongrong|泉州鸿荣轻工有限公司|鸿荣轻工||350500|false|CN|||W28|年产320万双运动休闲鞋技改项目 in production by 2019-05
torch-electron|福建火炬电子科技股份有限公司|火炬电子||350500|false|CN|||W28|镍电极片式多层瓷介固定电容器产能扩充项目 started by 2019-05
meiling-cement|福建省泉州美岭水泥有限公司|美岭水泥||350500|false|CN|||W28|熟料节煤降耗改造项目 in production by 2019-05
qz-bank|泉州银行股份有限公司|泉州银行||350500|false|CN|||W24|on the 2021 市级上市后备企业 list (124 firms)
gaoji-auto|福建高技汽车服务股份有限公司|高技汽车||350500|false|CN|||W24|on the 2021 场外市场挂牌后备企业 list (146 firms)
jiujiuwang|久久王食品|久久王||350500|false|CN|HKEX||W26|a 泉州 firm listed on the HKEX main board in 2021 (W26)
jiaheng|嘉亨家化|嘉亨家化||350500|false|CN|SZSE ChiNext||W26|a 泉州 firm listed on the ChiNext board in 2021 (W26)"""

# company_id|segment|role|srcs (empty -> illustrative)
REAL_SEGS = """qingyuanshan|ct.scenic-operation|leading|W18 baxian|ct.theme-park|core|W17 wanda-qz|cm.shopping-mall|core|W19
zhongmin-baihui|cm.department-store|core|W30 cl-qz-park|cm.logistics-park|core|W20 zto|cm.express-hub|core|W21
jd|cm.logistics-park|core| alibaba|cm.logistics-park|core| cr-land|cm.shopping-mall|core| wanda-qz|cm.land-development|core|
anta|tx.sportswear|leading|S26 xtep|tx.sportswear|leading|S30 361degrees|tx.sportswear|leading|S31
septwolves|tx.menswear|leading|S33 lilang|tx.menswear|leading|S35 jiaba|tx.menswear|core|S41 qipai|tx.menswear|core|S41
joeone|tx.menswear|core|W4 sbs-zipper|tx.zipper|leading|S36 billion|tx.polyester-filament|leading|S37
frep|pc.refining|leading|S13 frep|pc.ethylene|leading|S13 frep|pc.polyolefin|leading| sinochem-qz|pc.refining|leading|S15
sinochem-qz|pc.ethylene|leading|S16 jhicc|sc.dram|leading|S17 sanan-qz|sc.compound-epi|leading|S18
sanan-qz|sc.led-chip|leading|S18 sanan-opto|sc.led-chip|core|S18 jomoo|bm.faucets|leading|S42 zhongyu|bm.faucets|leading|S42
shenluda|bm.faucets|leading|S42 zhongyu|bm.sanitary-ceramics|core|W2 shenluda|bm.sanitary-ceramics|core|W2
nflg|me.road-machinery|leading|S43 tietuo|me.road-machinery|leading|S44 jingong|me.loaders|leading|S45
hengan|fb.hygiene|leading|S29 dali|fb.snacks|leading|S32 dali|fb.beverage|core| panpan|fb.snacks|leading|S39
qinqin|fb.jelly-puffed|leading|S40 shunmei|cc.daily-ceramics|leading|S48 dongfu|cc.art-ceramics|leading|S48
dasheng|cc.incense|leading|S50 sinopec|pc.catalyst|core| sinochem|pc.refining|core| aramco|pc.crude|core|
exxonmobil|pc.crude|core| xm-itg|pc.crude|supporting| xm-xiangyu|fb.cold-chain|supporting| catl|sc.components-power|core|
xinyi-solar|bm.glass|core| xinyi-glass|bm.glass|core| want-want|fb.snacks|core| zijin|bm.brass|supporting|
hengli|pc.pta|core| hengli|tx.pet-chip|core| rongsheng|pc.pta|core| rongsheng|pc.aromatics|core|
tongkun|tx.polyester-filament|core| xinfengming|tx.polyester-filament|core| huafon|tx.spandex|core| longsheng|tx.dyes|core|
toray|tx.hi-perf-fiber|core| hyosung|tx.spandex|core| pouchen|tx.footwear-oem|core| fenc|tx.pet-chip|core|
wanhua|pc.new-materials|core| basf|pc.catalyst|core| airliquide|pc.industrial-gas|core| tsmc|sc.foundry|core|
smic|sc.foundry|core| naura|sc.equipment|core| amec|sc.equipment|core| nsig|sc.silicon-wafer|core| jcet|sc.packaging-test|core|
ase|sc.packaging-test|core| shinetsu|sc.silicon-wafer|core| shinetsu|sc.photoresist-targets|core| amat|sc.equipment|core|
sany|me.loaders|core| xcmg|me.loaders|core| hengli-hyd|me.hydraulics|core| weichai|me.engines|core| cummins|me.engines|core|
rexroth|me.hydraulics|core| inovance|me.motor-control|core| fanuc|me.cnc|core| fanuc|me.industrial-robot|core| hnc|me.cnc|core|
kohler|bm.smart-toilet|core| toto|bm.smart-toilet|core| lesso|bm.plastic-pipes|core| broad-homes|bm.prefab-building|core|
haier|bm.smart-home|core| yili|fb.dairy|core| yihai|fb.grain-oil|core| angel|fb.additives|core| nestle|fb.dairy|core|
cnpc|pc.crude|core| cnooc|pc.crude|core| cpc-tw|pc.crude|core| fpcc|pc.aromatics|core| hengyi|pc.pta|core|
hengyi|pc.caprolactam|core| shenghong|pc.pta|core| chemchina|pc.new-materials|core| lgchem|pc.engineering-plastics|core|
dow|pc.new-materials|core| weiqiao|tx.yarn|core| samsung|sc.foundry|core| intel|sc.foundry|core|
foxconn|sc.mobile-terminal|core| byd|sc.auto-electronics|core| byd|sc.power-devices|core| huawei|sc.ic-design|core|
bosch|me.hydraulics|core| cofco|fb.grain-oil|core| wilmar|fb.grain-oil|core| midea|bm.smart-home|core| gree|bm.smart-home|core|"""

# sourced ranks from pages: list|year|rank|company_id|srcs. QUANZHOU_FACTS §4 (S-ids), then the pages found for
# issue 13 (W-ids): each page states the rank (or an explicit order) of the firm on that year's list.
REAL_RANKS = """fortune-global-500|2022|77|xm-cd|S57 fortune-global-500|2022|106|xm-itg|S57 fortune-global-500|2022|160|xm-xiangyu|S57
fortune-global-500|2022|407|zijin|S57,S58 fortune-global-500|2021|486|zijin|S68 fortune-global-500|2023|292|catl|S60
fortune-global-500|2025|365|zijin|S59,S62 fortune-global-500|2014|338|cib|S63 china-500|2024|28|xm-cd|S54
china-500|2024|38|xm-itg|S54 china-500|2024|54|xm-xiangyu|S54 china-500|2024|61|cib|S54 china-500|2024|67|catl|S54
china-500|2024|92|zijin|S54 china-500|2020|61|cib|S64 china-500|2020|62|xm-cd|S64 china-500|2020|72|xm-itg|S64
china-500|2020|77|xm-xiangyu|S64 china-500|2017|1|state-grid|W9 china-500|2017|2|sinopec|W9 china-500|2017|3|cnpc|W9
china-500|2017|4|icbc|W9 china-500|2017|112|xm-cd|W9 china-500|2017|115|xm-itg|W9 china-500|2017|130|xm-xiangyu|W9
china-500|2018|1|state-grid|W10 china-500|2018|2|sinopec|W10 china-500|2018|3|cnpc|W10 china-500|2018|53|cib|W10
china-service-500|2017|1|state-grid|W11 china-service-500|2017|2|icbc|W11 china-service-500|2017|3|ccb|W11
china-private-500|2023|1|jd|W6,W7 china-private-500|2023|2|alibaba|W6,W7 china-private-500|2023|3|hengli|W6,W7
china-private-500|2023|5|rongsheng|W7 china-private-500|2023|6|tencent|W7 china-private-500|2023|7|weiqiao|W7
china-private-500|2023|9|lenovo|W7 china-private-500|2023|10|byd|W7 china-private-500|2025|1|jd|W8
china-private-500|2025|2|alibaba|W8 china-private-500|2025|3|hengli|W8 china-private-500|2025|4|huawei|W8
china-private-500|2025|5|byd|W8 china-private-500|2025|6|tencent|W8 china-private-500|2025|7|rongsheng|W8
china-private-500|2025|8|geely|W8 china-private-500|2025|9|shenghong|W8 china-private-500|2025|10|weiqiao|W8
new-economy-500|2021|1|tencent|W12 new-economy-500|2021|2|alibaba|W12 new-economy-500|2021|3|bytedance|W12
new-economy-500|2021|28|muyuan|W12 taiwan-100|2010|1|foxconn|W13 taiwan-100|2010|3|quanta|W13
taiwan-100|2010|4|cpc-tw|W13 taiwan-100|2010|5|fpcc|W13 taiwan-100|2011|1|foxconn|W14 taiwan-100|2011|3|quanta|W14
taiwan-100|2011|4|cpc-tw|W14 taiwan-100|2011|5|compal|W14 taiwan-100|2011|6|fpcc|W14 taiwan-100|2011|8|wistron|W14
taiwan-100|2024|1|foxconn|W15 taiwan-100|2025|1|foxconn|W16"""

# Fortune Global 500 entries read from the list data in D1-D3 (company_id: year/rank/revenue in USD million/src).
# Only firms that matter to Quanzhou's chains or to Fujian; each value is copied from the cited file, none derived.
FG500_DATA = """sinopec:2017/3/267518/D3 2019/2/414650/D2 2022/5/401314/D1 2023/6/471154/D1 2024/5/429700/D1
cnpc:2017/4/262573/D3 2019/4/392977/D2 2022/4/411693/D1 2023/5/483019/D1 2024/6/421714/D1
cnooc:2017/115/65892/D3 2019/63/108130/D2 2022/65/126920/D1 2023/42/164762/D1 2024/56/141732/D1
chemchina:2017/211/45177/D3 2019/144/67398/D2
hengli:2017/268/37880/D3 2019/181/56199/D2 2022/75/113536/D1 2023/123/90944/D1 2024/81/114664/D1
rongsheng:2022/180/69503/D1 2023/136/86166/D1 2024/138/86536/D1
shenghong:2022/241/53948/D1 2023/222/61251/D1 2024/171/74701/D1
hengyi:2022/264/50974/D1 2023/244/57332/D1 2024/243/57468/D1
weiqiao:2017/159/56174/D3 2019/273/43008/D2 2022/199/63739/D1 2023/172/74923/D1 2024/175/73484/D1
xm-cd:2017/488/22145/D3 2019/277/42726/D2 2022/77/111556/D1 2023/69/125970/D1 2024/85/110666/D1
xm-itg:2017/494/21930/D3 2019/291/41438/D2 2022/106/93791/D1 2023/95/103090/D1 2024/142/85819/D1
zijin:2022/407/34898/D1 2023/373/40187/D1 2024/364/41446/D1
cib:2017/230/42622/D3 2019/213/50991/D2 2022/208/61330/D1 2023/223/60962/D1 2024/232/59152/D1
foxconn:2017/27/135129/D3 2019/23/175617/D2 2022/20/214619/D1 2023/27/222535/D1 2024/32/197876/D1
tsmc:2017/369/29388/D3 2019/363/34218/D2 2022/225/56837/D1 2023/168/76022/D1 2024/186/69416/D1
pegatron:2017/296/35891/D3 2019/259/44453/D2 2022/311/45247/D1 2023/333/44272/D1 2024/375/40357/D1
quanta:2017/390/27715/D3 2019/365/34103/D2 2022/349/40440/D1 2023/345/42997/D1 2024/444/34860/D1
compal:2017/458/23773/D3 2019/390/32103/D2
wistron:2019/424/29510/D2
cpc-tw:2019/394/31929/D2 2022/475/30021/D1 2023/378/39427/D1 2024/465/33904/D1
fpcc:2019/492/25463/D2
samsung:2017/15/173957/D3 2019/15/221579/D2 2022/18/244335/D1 2023/25/234129/D1 2024/31/198257/D1
intel:2017/144/59387/D3 2019/135/70848/D2 2022/145/79024/D1 2023/211/63054/D1 2024/261/54228/D1
lgchem:2019/490/25617/D2 2022/369/37830/D1 2023/371/40240/D1 2024/355/42922/D1
bosch:2017/76/80869/D3 2019/77/92602/D2 2022/108/93106/D1 2023/118/92766/D1 2024/105/99021/D1
basf:2017/126/63641/D3 2019/115/78799/D2 2022/109/92929/D1 2023/119/91847/D1 2024/172/74487/D1
exxonmobil:2017/10/205004/D3 2019/8/290212/D2 2022/12/285640/D1 2023/7/413680/D1 2024/12/344582/D1
aramco:2019/6/355905/D2 2022/6/400399/D1 2023/2/603651/D1 2024/4/494890/D1
nestle:2017/64/90814/D3 2019/76/93512/D2 2022/103/95293/D1 2023/106/98931/D1 2024/96/103505/D1
cofco:2017/136/61265/D3 2019/134/71223/D2 2022/91/103087/D1 2023/87/110222/D1 2024/106/97765/D1
wilmar:2017/239/41402/D3 2019/258/44498/D2 2022/192/65794/D1 2023/174/73399/D1 2024/198/67155/D1
midea:2017/450/24060/D3 2019/312/39582/D2 2022/245/53232/D1 2023/278/51393/D1 2024/277/52790/D1
haier:2019/448/27714/D2 2022/405/35278/D1 2023/419/36201/D1 2024/407/36929/D1
gree:2019/414/30239/D2
huawei:2017/83/78511/D3 2019/61/109030/D2 2022/96/98725/D1 2023/111/95490/D1 2024/103/99470/D1
lenovo:2017/226/43035/D3 2019/212/51038/D2 2022/171/71618/D1 2023/217/61947/D1 2024/248/56864/D1
byd:2022/436/32758/D1 2023/212/63041/D1 2024/143/85082/D1
geely:2017/343/31430/D3 2019/220/49665/D2 2022/229/55860/D1 2023/225/60396/D1 2024/185/70357/D1
airliquide:2019/500/24797/D2
sinochem:2022/31/172260/D1 2023/38/173834/D1 2024/54/143240/D1
state-grid:2017/2/315199/D3 2019/5/387056/D2 2022/3/460617/D1 2023/3/530009/D1 2024/3/545948/D1
icbc:2017/22/147675/D3 2019/26/168979/D2 2022/22/209000/D1 2023/28/214766/D1 2024/22/222484/D1
ccb:2017/28/135093/D3 2019/31/151111/D2 2022/24/200434/D1 2023/29/202753/D1 2024/30/199826/D1
jd:2017/261/39155/D3 2019/139/69848/D2 2022/46/147526/D1 2023/52/155533/D1 2024/47/153217/D1
alibaba:2017/462/23517/D3 2019/182/56147/D2 2022/55/132936/D1 2023/68/126812/D1 2024/70/131338/D1
tencent:2017/478/22871/D3 2019/237/47273/D2 2022/121/86836/D1 2023/147/82440/D1 2024/141/86028/D1
dow:2022/235/54968/D1 2023/245/56902/D1 2024/346/44622/D1"""
# taiwan-100 is CRIF 中华征信所's 台湾地区大型企业排名 by revenue: its top 100 ranks are the Taiwan Top 100.

# --------------------------------------------------------------------------- fictitious firms
WORDS = (
    "华纶 恒泰 鑫源 兴达 瑞丰 佳美 宏远 永盛 锦程 信和 泰和 嘉禾 德润 汇通 海宏 晟达 博远 天成 正鸿 金源 协力 长兴 "
    "东昇 明辉 荣兴 新宇 凯盛 盛源 远航 腾飞 伟业 联创 华宇 星辰 启航 润泽 和美 福泰 海丝 刺桐 清源 东湖 "
    "宝丰 广利 隆昌 裕达 永丰 恒信 聚源 中和 益民 安盛 捷达 万隆 富华 诚信 鸿基 天和 嘉信 顺成 鼎盛 九鼎 "
    "昌盛 丰源 致远 同创 新航 华晨 景福 祥和 一诺 德尔 豪盛 骏达 立信 旭日 弘业 巨丰 源泰 铭丰 华迪 康达"
).split()
FOREIGN = {
    "JP": ("", "株式会社", "朝霧 白鷺 若葉 東雲 松風 青葉 夕凪 紅葉 月見 桜川 北辰 浜风".split()),
    "KR": ("韩国", "株式会社", "汉江 青松 新罗 东海 白头 金浦 松岳 牙山".split()),
    "DE": ("德国", "有限公司", "莱茵 易北 黑森 巴伐 萨克森 威悉 美因 多瑙".split()),
    "US": ("美国", "公司", "五大湖 落基 密西 阿帕 内华 哥伦 俄亥 苏必利".split()),
    "FR": ("法国", "公司", "塞纳 卢瓦尔 罗讷 普罗旺".split()),
    "IT": ("意大利", "公司", "托斯卡 伦巴 威尼 皮埃蒙".split()),
    "SG": ("新加坡", "私人有限公司", "狮城 星洲 南洋 圣淘".split()),
    "TW": ("台湾", "股份有限公司", WORDS),
}
# local county mix and non-local mix per chain (region ids; two-letter = foreign country)
LOCAL_MIX = {
    "ct": "350502 350502 350503 350524 350526 350521.tsz",
    "cm": "350503 350582 350583 350521 350505 350500.etdz",
    "tx": "350582 350582 350582 350581 350581 350502 350521.tsz 350500.etdz",
    "pc": "350505 350505 350521 350521 350521.tsz",
    "sc": "350582 350582 350583 350583 350524 350503",
    "me": "350504 350504 350503 350582 350583 350500.etdz",
    "bm": "350583 350583 350583 350582 350521 350505",
    "fb": "350582 350582 350521 350502 350581 350521.tsz",
    "cc": "350526 350526 350526 350525 350521",
    "tea": "350524 350524 350524 350525 350526",
}
NONLOCAL_MIX = {
    "ct": "440300 310000 330100 110000 350200 810000 TW SG",
    "cm": "440300 310000 330100 110000 350200 440100 320500 SG US",
    "tx": "330600 330400 330100 320500 440100 350200 350100 JP KR TW US",
    "pc": "330200 320100 210200 441300 370200 310000 110000 JP DE US FR KR SG",
    "sc": "310000 320500 110000 440300 420100 510100 350200 TW TW JP KR US DE",
    "me": "430100 320300 370700 320400 440300 310000 DE DE JP US KR IT",
    "bm": "440600 440600 350200 330100 310000 110000 JP DE US IT",
    "fb": "350200 350100 150100 310000 440100 370200 TW JP FR SG US",
    "cc": "360200 445100 350200 330100 440300 JP DE US FR IT",
    "tea": "350200 350100 330100 440300 510100 310000 TW JP SG",
}
# plan -> (local firms, non-local firms)
PLAN_SIZE = {"L": ((2, 4), (1, 2)), "C": ((3, 4), (1, 2)), "W": ((1, 2), (2, 3)), "X": ((0, 0), (3, 4))}
ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
SRC_ID_RE = re.compile(r"\b([SWD][0-9]+)\b")
ILL_FIRM = "illustrative: fictitious sample firm"


# =========================================================================== build
def build_regions():
    rows = []
    for line in CN_REGIONS.splitlines():
        rid, name, parent, level = line.split("|")
        src = cite("S65,S66") if rid != "CN" else "public: ISO 3166-1 alpha-2"
        rows.append(
            dict(
                region_id=rid,
                name=name,
                parent_id=parent,
                level=level,
                source=src,
                as_of=SRC["S65"][1] if rid != "CN" else ILL_DATE,
            )
        )
    for rid, name, parent, srcs, note in ZONES:
        rows.append(
            dict(
                region_id=rid,
                name=name,
                parent_id=parent,
                level="zone",
                source=f"{cite(srcs)} ({note})",
                as_of=src_date(srcs),
            )
        )
    for code, name in COUNTRIES:
        rows.append(
            dict(
                region_id=code,
                name=name,
                parent_id="",
                level="country",
                source="public: ISO 3166-1 alpha-2 country code",
                as_of=ILL_DATE,
            )
        )
    return rows


def build_chains_segments():
    chains, segs, plan, kw = [], [], {}, {}
    for p, (cid, name, desc, srcs) in CHAINS.items():
        chains.append(
            dict(
                chain_id=cid,
                name=name,
                description=desc,
                direction=DIRECTION.get(p, "manufacturing"),
                source=cite(srcs),
                as_of=src_date(srcs),
            )
        )
        for line in SEGMENTS[p].splitlines():
            slug, sname, st, parent, k, pl, en, ssrc = line.split("|")
            sid = f"{p}.{slug}"
            stage = {"u": "upstream", "m": "midstream", "d": "downstream"}[st]
            src = (
                (cite(ssrc) + " (segment named in published chain structure)")
                if ssrc
                else "illustrative: segment breakdown for demonstration"
            )
            segs.append(
                dict(
                    segment_id=sid,
                    chain_id=cid,
                    name=sname,
                    stage=stage,
                    parent_id=f"{p}.{parent}" if parent else "",
                    description=en,
                    source=src,
                    as_of=src_date(ssrc) if ssrc else ILL_DATE,
                )
            )
            plan[sid], kw[sid] = pl, k
    return chains, segs, plan, kw


def build_links():
    rows = []
    for p, text in LINKS.items():
        for tok in text.split():
            edge, *rest = tok.split(":")
            a, b = edge.split(">")
            a, b = (x if "." in x else f"{p}.{x}" for x in (a, b))
            srcs = rest[1] if len(rest) > 1 else ""
            src = (
                (cite(srcs) + " (published chain structure)") if srcs else "illustrative: FEEDS link for demonstration"
            )
            rows.append(
                dict(
                    from_segment_id=a,
                    to_segment_id=b,
                    weight=rest[0],
                    source=src,
                    as_of=src_date(srcs) if srcs else ILL_DATE,
                )
            )
    return rows


def build_real(ranked_by):
    comps, memb = [], []
    for line in REAL.splitlines():
        f = line.split("|")
        # aliases may contain '|' so parse from both ends
        cid, name, short = f[0], f[1], f[2]
        region, local_site, country, listed, oc, srcs, note = f[-7:]
        aliases = "|".join(x for x in f[3:-7] if x)
        ranked = [x for x in ranked_by.get(cid, []) if x not in srcs.split(",")]
        # list entries are cited in full in rankings.csv; here by id only (URLs in seed_data/README.md)
        also = f"; list entries per {', '.join(ranked)} (see rankings.csv)" if ranked else ""
        if srcs:
            src = f"{cite(srcs)}{also}; {note}; other fields illustrative or empty"
            as_of = src_date(srcs)
        elif ranked:
            src = (
                f"{cite(ranked[0])}{also}: name, country and list entries public"
                f"{'; ' + note if note else ''}; region otherwise from common knowledge; "
                "segment membership, role and share illustrative, not verified"
            )
            as_of = src_date(ranked[0])
        else:
            src = (
                "illustrative: real firm named as a sample candidate; region from common knowledge, "
                "segment and any ties illustrative, not verified"
            )
            as_of = ILL_DATE
        rev = "35.44" if cid == "lilang" else ""
        comps.append(
            dict(
                company_id=cid,
                name=name,
                short_name=short,
                aliases=aliases,
                uscc="",
                region=region,
                local_site=local_site,
                country=country,
                revenue_cny_100m=rev,
                employees="",
                listed_code=listed,
                overseas_chinese=oc,
                source=src,
                as_of=as_of,
                _real=True,
            )
        )
    for tok in REAL_SEGS.split():
        cid, sid, role, srcs = tok.split("|")
        src = (
            (
                f"{cite(srcs)} (firm named in this cluster{' as a leading firm' if role == 'leading' else ''}; "
                "segment assignment within the cluster is ours)"
            )
            if srcs
            else "illustrative: segment and role assumed, not verified"
        )
        memb.append(
            dict(
                company_id=cid,
                segment_id=sid,
                role=role,
                share="",
                source=src,
                as_of=src_date(srcs) if srcs else ILL_DATE,
            )
        )
    return comps, memb


class Namer:
    def __init__(self):
        self.names, self.shorts = set(), set()

    def make(self, region, kw, country):
        for _ in range(500):
            if country in FOREIGN:
                pre, suf, words = FOREIGN[country]
                w = RNG.choice(words)
                name, short = f"{pre}{w}{kw}{suf}（示例）", f"{w}{kw}"
            else:
                w = RNG.choice(WORDS)
                place = PLACE.get(region) or REGION_NAME[region].rstrip("市省")
                name, short = (
                    f"{place}{w}{kw}有限公司（示例）",
                    f"{place[:2]}{w}{kw}" if region not in PLACE else f"{w}{kw}",
                )
            if name not in self.names and short not in self.shorts:
                self.names.add(name)
                self.shorts.add(short)
                return name, short
        raise RuntimeError("name space exhausted")


def make_firm(namer, sid, n, region, local, kind):
    country = region if len(region) == 2 else ("TW" if region == "710000" else "CN")
    if country == "TW":
        region = "710000"
    name, short = namer.make(region, KW[sid], country)
    lo, hi = {"leading": (60, 400), "core": (6, 60), "supporting": (0.5, 6), "cand": (10, 600)}[kind]
    rev = round(RNG.uniform(lo, hi), 2)
    oc = RNG.random() < (0.2 if local else (0.5 if country in ("TW", "SG") else 0.12))
    return dict(
        company_id=f"x-{sid}-{n}",
        name=name,
        short_name=short,
        aliases="",
        uscc="",
        region=region,
        local_site="false",
        country=country,
        revenue_cny_100m=f"{rev:.2f}",
        employees=str(int(rev * RNG.uniform(20, 80)) + 10),
        listed_code="",
        overseas_chinese="true" if oc else "false",
        source=ILL_FIRM,
        as_of=ILL_DATE,
        _real=False,
    )


def build_fictitious(segs, plan, real_memb, is_local, taken=()):
    namer = Namer()
    for c in [*COMPANIES.values(), *taken]:
        namer.names.add(c["name"])
        namer.shorts.add(c["short_name"])
    comps, memb = [], []
    real_lead = {m["segment_id"] for m in real_memb if m["role"] == "leading" and is_local(m["company_id"])}
    for s in segs:
        sid, p = s["segment_id"], s["segment_id"].split(".")[0]
        (llo, lhi), (nlo, nhi) = PLAN_SIZE[plan[sid]]
        kinds = []
        if plan[sid] == "L" and sid not in real_lead:
            kinds.append("leading")
        nloc = RNG.randint(llo, lhi)
        kinds += (
            ["supporting"] * nloc
            if plan[sid] == "W"
            else [RNG.choice(("core", "core", "supporting")) for _ in range(nloc)]
        )
        n = 0
        for kind in kinds:
            n += 1
            c = make_firm(namer, sid, n, RNG.choice(LOCAL_MIX[p].split()), True, kind)
            comps.append(c)
            memb.append(
                dict(
                    company_id=c["company_id"],
                    segment_id=sid,
                    role=kind,
                    share=f"{RNG.uniform(0.3, 1.0):.2f}",
                    source=ILL_FIRM,
                    as_of=ILL_DATE,
                )
            )
        for _ in range(RNG.randint(nlo, nhi)):
            n += 1
            c = make_firm(namer, sid, n, RNG.choice(NONLOCAL_MIX[p].split()), False, "cand")
            comps.append(c)
            memb.append(
                dict(
                    company_id=c["company_id"],
                    segment_id=sid,
                    role="core",
                    share=f"{RNG.uniform(0.2, 0.9):.2f}",
                    source=ILL_FIRM,
                    as_of=ILL_DATE,
                )
            )
    return comps, memb


def build_supplies(links, seg_firms, is_local, is_leader, statuses, seen=None):
    rows, seen = [], set(seen or ())

    def add(s, c, product, why):
        real = [x for x in (s, c) if COMPANIES[x]["_real"]]
        # never a tie between two real firms, and real firms only take part when they are local
        if s == c or (s, c) in seen or len(real) == 2 or any(not is_local(x) for x in real):
            return False
        seen.add((s, c))
        amt = ""
        if not COMPANIES[s]["_real"] and not COMPANIES[c]["_real"]:
            r = min(float(COMPANIES[s]["revenue_cny_100m"]), float(COMPANIES[c]["revenue_cny_100m"]))
            amt = f"{max(0.01, r * RNG.uniform(0.01, 0.12)):.2f}"
        rows.append(
            dict(
                supplier_id=s,
                customer_id=c,
                product=product,
                amount_cny_100m=amt,
                source=f"illustrative: {why}, not a verified fact",
                as_of=ILL_DATE,
            )
        )
        return True

    for l in links:
        a, b = l["from_segment_id"], l["to_segment_id"]
        pairs = [(s, c) for s in seg_firms[a] for c in seg_firms[b]]
        RNG.shuffle(pairs)
        pairs.sort(key=lambda sc: (not is_leader(sc[1], b), not is_local(sc[1])))
        k = 5 if any(is_leader(c, b) for c in seg_firms[b]) else 4
        for s, c in pairs:
            if k and add(s, c, SEG_NAME[a], "sample tie along a FEEDS link"):
                k -= 1
    # anchor-customer story: candidates in missing/weak segments supply local leaders downstream
    out, inn = defaultdict(list), defaultdict(list)
    for l in links:
        out[l["from_segment_id"]].append(l["to_segment_id"])
        inn[l["to_segment_id"]].append(l["from_segment_id"])

    def reach(start, nbrs, pick):  # first hop (≤3) holding firms that satisfy pick
        frontier = list(nbrs[start])
        for _ in range(3):
            found = [(c, t) for t in frontier for c in seg_firms[t] if pick(c, t)]
            if found:
                return found
            frontier = [u for t in frontier for u in nbrs[t]]
        return []

    for sid, st in statuses.items():
        if st not in ("missing", "weak"):
            continue
        cands = [c for c in seg_firms[sid] if not is_local(c)][:3]
        down = reach(sid, out, is_leader) or reach(sid, out, lambda c, t: is_local(c))
        for c in cands:
            for cust, t in RNG.sample(down, min(2, len(down))):
                add(
                    c,
                    cust,
                    SEG_NAME[sid],
                    "sample tie: non-local candidate already supplies a local "
                    + ("leading firm" if is_leader(cust, t) else "firm"),
                )
        if not down:  # end of chain: the local firms upstream already sell to the candidate
            up = reach(sid, inn, is_leader) or reach(sid, inn, lambda c, t: is_local(c))
            for c in cands:
                for sup, t in RNG.sample(up, min(2, len(up))):
                    add(sup, c, SEG_NAME[t], "sample tie: local firm already sells to a non-local candidate")
    return rows


# --------------------------------------------------------------------------- local firms' growth (issue 12)
# expansion projects: id|company|chain|name|kind|investment 亿元|added capacity|status|srcs|note
REAL_EXPANSIONS = """billion-2019|billion|textile-apparel-footwear|晋江百宏系列项目（差别化化学纤维、涤纶工业丝、功能性聚酯薄膜）|capacity|73|年产33万吨差别化化学纤维、25万吨涤纶工业丝、25万吨功能性聚酯薄膜|planned|W27|named in 2019 among 泉州's industrial projects over 1亿元; its later progress is not given, so the status is left at planned
hengan-2019|hengan|food-beverage|晋江恒安生活用品智能化生产基地项目|capacity|62.5||planned|W27|named in 2019 among 泉州's industrial projects over 1亿元; its later progress is not given, so the status is left at planned
sanan-2025|sanan-qz|semiconductor-optoelectronics|南安三安半导体研发与产业化项目|capacity|333||under_construction|W29|among the projects of 2025 Q1's 集中开竣工 day (starting or completing construction; the page does not say which)
billion-qg-2025|billion|textile-apparel-footwear|泉港百宏新材料绿色化智能化技术改造|upgrade|||under_construction|W29|among the projects of 2025 Q1's 集中开竣工 day (starting or completing construction; the page does not say which)
nine-dragons-2019|nine-dragons-qz|food-beverage|年产65万吨高档牛卡纸扩建工程|capacity||年产65万吨高档牛卡纸|in_production|W28|in production by 2019-05-17 (the day is not given)
hongrong-2019|hongrong|textile-apparel-footwear|年产320万双运动休闲鞋技改项目|upgrade||年产320万双运动休闲鞋|in_production|W28|in production by 2019-05-17 (the day is not given)
torch-2019|torch-electron|semiconductor-optoelectronics|镍电极片式多层瓷介固定电容器产能扩充项目|capacity|||under_construction|W28|construction started by 2019-05-17 (the day is not given)
meiling-2019|meiling-cement|building-materials-home|美岭水泥熟料节煤降耗改造项目|upgrade|||in_production|W28|in production by 2019-05-17 (the day is not given)"""
# listing pipeline: company|chain|tier|list_year|stage|listed_on|market|listed_code|srcs|note
REAL_LISTINGS = """qz-bank||listing_reserve|2021|cultivating||||W24|on the 2021 市级上市后备企业 list; its stage is not given (cultivating assumed)
gaoji-auto||quotation_reserve|2021|cultivating||||W24|on the 2021 场外市场挂牌后备企业 list; its stage is not given (cultivating assumed)
tietuo|machinery-equipment|listing_reserve||listed|2024-03-08|北交所|BSE:873706|W25|listed on the BSE on 2024-03-08; the pipeline list it was on is not given (listing_reserve assumed)
jiujiuwang|food-beverage|listing_reserve||listed||港交所主板||W26|listed on the HKEX main board in 2021 (the day is not given); the pipeline list it was on is not given
jiaheng||listing_reserve||listed||深交所创业板||W26|listed on the ChiNext board in 2021 (the day is not given); the pipeline list it was on is not given"""
ILL_GROWTH = "illustrative: sample {what}, not a verified fact"


def build_growth(segs, seg_firms, is_local, is_leader, statuses):
    """Sourced expansion projects and pipeline firms, then illustrative ones of fictitious local firms."""
    expansions, listings = [], []
    for line in REAL_EXPANSIONS.splitlines():
        eid, cid, chain, name, kind, inv, cap, status, srcs, note = line.split("|")
        expansions.append(
            dict(
                expansion_id=eid,
                company_id=cid,
                chain_id=chain,
                name=name,
                expansion_kind=kind,
                investment_cny_100m=inv,
                added_capacity=cap,
                status=status,
                source=f"{cite(srcs)}; {note}",
                as_of=src_date(srcs),
            )
        )
    for line in REAL_LISTINGS.splitlines():
        cid, chain, tier, year, stage, listed_on, market, code, srcs, note = line.split("|")
        listings.append(
            dict(
                company_id=cid,
                chain_id=chain,
                tier=tier,
                list_year=year,
                stage=stage,
                listed_on=listed_on,
                market=market,
                listed_code=code,
                source=f"{cite(srcs)}; {note}",
                as_of=src_date(srcs),
            )
        )
    rng = random.Random(20261204)  # a stream of its own: the rest of the seed is left as it was
    by_chain = defaultdict(list)
    for x in segs:
        if statuses[x["segment_id"]] == "strong":
            firms = [c for c in seg_firms[x["segment_id"]] if c.startswith("x-") and is_local(c)]
            by_chain[x["chain_id"]] += [(c, x["segment_id"]) for c in firms]
    stages = ["cultivating", "tutoring", "filed", "cultivating", "tutoring"]
    statuses_cycle = ["planned", "approved", "under_construction", "in_production", "approved"]
    for i, (chain, firms) in enumerate(sorted(by_chain.items())):
        cid, _sid = rng.choice(sorted(firms))
        status = statuses_cycle[i % len(statuses_cycle)]
        dates = {"approved_on": "2025-03-15"} if status != "planned" else {}
        if status in ("under_construction", "in_production"):
            dates["started_on"] = "2025-09-01"
        if status == "in_production":
            dates["produced_on"] = "2026-06-30"
        key = ["provincial", "city", ""][i % 3]
        expansions.append(
            dict(
                expansion_id=f"x-exp-{chain}",
                company_id=cid,
                chain_id=chain,
                name=f"{COMPANIES[cid]['short_name']}{'技改' if i % 2 else '扩产'}项目（示例）",
                expansion_kind="upgrade" if i % 2 else "capacity",
                investment_cny_100m=f"{rng.uniform(0.5, 20):.2f}",
                key_list=key,
                key_list_year="2025" if key else "",
                status=status,
                unit=REGION_NAME.get(COMPANIES[cid]["region"], ""),
                source=ILL_GROWTH.format(what="expansion project"),
                as_of=ILL_DATE,
                **dates,
            )
        )
        if i % 5 == 4:
            continue
        lid, _lsid = rng.choice(sorted(f for f in firms if f[0] != cid) or sorted(firms))
        if any(x["company_id"] == lid for x in listings):
            continue
        stage = stages[i % len(stages)]
        tier = ["listing_reserve", "quotation_reserve", "reserve"][i % 3]
        listings.append(
            dict(
                company_id=lid,
                chain_id=chain,
                tier=tier,
                list_year="2025",
                stage=stage,
                tax_paid_cny_10k=f"{rng.uniform(520, 3000):.0f}",
                tax_year="2024",
                tutoring_on="2025-11-20" if stage in ("tutoring", "filed") else "",
                filed_on="2026-06-30" if stage == "filed" else "",
                market=["深交所主板", "北交所", "海峡股权交易中心"][i % 3],
                source=ILL_GROWTH.format(what="listing-pipeline firm"),
                as_of=ILL_DATE,
            )
        )
    return expansions, listings


def ranking_entries():
    """Every sourced list entry, merged: (list, year, company) -> [rank, revenue_usd_m, src ids].

    A page (REAL_RANKS) and the list data (FG500_DATA) may give the same entry; they must agree on the rank.
    """
    entries: dict[tuple[str, str, str], list] = {}

    def add(lid, yr, rank, cid, srcs, rev=""):
        key = (lid, yr, cid)
        if key in entries:
            if entries[key][0] != rank:
                sys.exit(f"rank conflict for {key}: {entries[key][0]} ({entries[key][2]}) vs {rank} ({srcs})")
            entries[key][1] = entries[key][1] or rev
            entries[key][2] += [x for x in srcs.split(",") if x not in entries[key][2]]
        else:
            entries[key] = [rank, rev, srcs.split(",")]

    for tok in REAL_RANKS.split():
        lid, yr, rank, cid, srcs = tok.split("|")
        add(lid, yr, rank, cid, srcs)
    for line in FG500_DATA.splitlines():
        cid, data = line.split(":")
        for item in data.split():
            yr, rank, rev, src = item.split("/")
            add("fortune-global-500", yr, rank, cid, src, rev)
    return entries


def rank_sources(entries):
    """company_id -> the source ids of its list entries, in first-seen order."""
    out: dict[str, list[str]] = defaultdict(list)
    for (_, _, cid), (_, _, srcs) in entries.items():
        out[cid] += [x for x in srcs if x not in out[cid]]
    return out


def build_rankings(entries):
    """Only real entries of real lists: a fictitious firm never holds a rank."""
    rows = []
    for (lid, yr, cid), (rank, rev, srcs) in sorted(
        entries.items(), key=lambda kv: (kv[0][0], kv[0][1], int(kv[1][0]))
    ):
        ids = ",".join(srcs)
        rows.append(
            dict(
                list_id=lid,
                year=yr,
                rank=rank,
                company_name=COMPANIES[cid]["name"],
                company_id=cid,
                revenue_usd_m=rev,
                country=COMPANIES[cid]["country"],
                source=cite(ids),
                as_of=src_date(ids),
            )
        )
    return rows


# =========================================================================== validate, write
def validate(t, statuses_by_chain, local_ids, leaders_local):
    errs = []
    ok = lambda cond, msg: cond or errs.append(msg)
    region_ids = {r["region_id"] for r in t["regions"]}
    chain_ids = {c["chain_id"] for c in t["chains"]}
    seg_ids = {s["segment_id"] for s in t["segments"]}
    comp_ids = {c["company_id"] for c in t["companies"]}
    for key, rows, idcol in (
        ("regions", t["regions"], "region_id"),
        ("chains", t["chains"], "chain_id"),
        ("segments", t["segments"], "segment_id"),
        ("companies", t["companies"], "company_id"),
    ):
        ids = [r[idcol] for r in rows]
        ok(len(ids) == len(set(ids)), f"{key}: duplicate ids")
        for i in ids:
            ok(bool(ID_RE.match(i)), f"{key}: bad id {i}")
    for name, rows in t.items():
        for r in rows:
            ok(bool(r["source"]) and bool(re.match(r"^\d{4}-\d{2}-\d{2}$", r["as_of"])), f"{name}: source/as_of {r}")
    for r in t["regions"]:
        ok(r["level"] in ("country", "province", "city", "county", "district", "zone"), f"level {r}")
        ok(not r["parent_id"] or r["parent_id"] in region_ids, f"region parent {r}")
    for s in t["segments"]:
        ok(s["chain_id"] in chain_ids and s["stage"] in ("upstream", "midstream", "downstream"), f"segment {s}")
        ok(not s["parent_id"] or s["parent_id"] in seg_ids, f"segment parent {s}")
    for l in t["segment_links"]:
        ok(
            l["from_segment_id"] in seg_ids and l["to_segment_id"] in seg_ids and 0 <= float(l["weight"]) <= 1,
            f"link {l}",
        )
    for c in t["companies"]:
        ok(c["region"] in region_ids, f"company region {c['company_id']}")
        ok(c["company_id"].startswith("x-") == c["name"].endswith("（示例）"), f"fictitious marker {c['company_id']}")
    pairs = [(m["company_id"], m["segment_id"]) for m in t["company_segments"]]
    ok(len(pairs) == len(set(pairs)), "duplicate company_segments")
    for m in t["company_segments"]:
        ok(
            m["company_id"] in comp_ids
            and m["segment_id"] in seg_ids
            and m["role"] in ("leading", "core", "supporting"),
            f"cs {m}",
        )
    for s in t["supplies"]:
        ok(s["supplier_id"] in comp_ids and s["customer_id"] in comp_ids, f"supply {s}")
        ok(s["supplier_id"].startswith("x-") or s["customer_id"].startswith("x-"), f"real-to-real supply {s}")
        for x in (s["supplier_id"], s["customer_id"]):
            ok(x.startswith("x-") or x in local_ids, f"supply tie of a real non-local firm {s}")
    names = {c["company_id"]: c["name"] for c in t["companies"]}
    k1 = [(r["list_id"], r["year"], r["company_name"]) for r in t["rankings"]]
    k2 = [(r["list_id"], r["year"], r["rank"]) for r in t["rankings"]]
    ok(len(k1) == len(set(k1)) and len(k2) == len(set(k2)), "ranking uniqueness")
    for r in t["rankings"]:
        ok(names.get(r["company_id"]) == r["company_name"], f"ranking name {r}")
    per_list = Counter(r["list_id"] for r in t["rankings"])
    ok(len(per_list) == 6 and len(t["rankings"]) >= 200, f"rankings per list {per_list}")
    for r in t["rankings"]:
        ok(r["source"].startswith("public: ") and not r["company_id"].startswith("x-"), f"ranking not sourced {r}")
    ok(len(t["companies"]) >= 400 and len(local_ids) >= 120 and len(leaders_local) >= 30, "company counts")
    ok(len(t["supplies"]) >= 600, "supply counts")
    for cid, st in statuses_by_chain.items():
        segs = [s for s in t["segments"] if s["chain_id"] == cid]
        stages = Counter(s["stage"] for s in segs)
        ok(len(segs) >= 15 and min(stages.values()) >= 3 and len(stages) == 3, f"{cid}: segments {stages}")
        cnt = Counter(st.values())
        ok(cnt["missing"] >= 2 and cnt["weak"] >= 2 and cnt["strong"] >= 3, f"{cid}: statuses {cnt}")
    for e in t["expansions"]:
        ok(e["company_id"] in comp_ids and (not e["chain_id"] or e["chain_id"] in chain_ids), f"expansion {e}")
    for e in t["listings"]:
        ok(e["company_id"] in comp_ids and (not e["chain_id"] or e["chain_id"] in chain_ids), f"listing {e}")
        ok(e["tier"] != "reserve" or float(e["tax_paid_cny_10k"]) > 500, f"reserve firm below the tax floor {e}")
    ok(len({e["company_id"] for e in t["listings"]}) == len(t["listings"]), "one pipeline entry per firm")
    if errs:
        print("\n".join(errs[:40]), file=sys.stderr)
        sys.exit(1)


COLS = {
    "regions": "region_id name parent_id level source as_of",
    "chains": "chain_id name description direction source as_of",
    "segments": "segment_id chain_id name stage parent_id description source as_of",
    "segment_links": "from_segment_id to_segment_id weight source as_of",
    "companies": "company_id name short_name aliases uscc region local_site country revenue_cny_100m employees "
    "listed_code overseas_chinese source as_of",
    "company_segments": "company_id segment_id role share source as_of",
    "supplies": "supplier_id customer_id product amount_cny_100m source as_of",
    "rankings": "list_id year rank company_name company_id revenue_usd_m country source as_of",
    "expansions": "expansion_id company_id chain_id name expansion_kind investment_cny_100m added_capacity key_list "
    "key_list_year status approved_on started_on produced_on unit note source as_of",
    "listings": "company_id chain_id tier list_year stage tax_paid_cny_10k tax_year market tutoring_on filed_on "
    "listed_on listed_code unit note source as_of",
    "organisations": "organisation_id name kind city country overseas_chinese description source as_of",
    "memberships": "company_id organisation_id role since source as_of",
    "shareholdings": "holder_id company_id share_pct source as_of",
}

# --------------------------------------------------------------------------- organisations (issue 12)
# 商会 in other cities, 泉籍海外社团 / 同乡会 abroad, an industry association. Real ones exist (e.g. 菲律宾
# 泉州同乡会), but no firm's membership could be sourced: every organisation, membership and
# shareholding here is illustrative, named with （示例）, and joins only fictitious firms.
ILLUSTRATIVE_REL = "illustrative: sample organisation or affiliation for the relationship paths, not a verified fact"
ORGS = [
    # id, name, kind, city, country, overseas Chinese
    ("org.sh-qz-chamber", "上海泉州商会（示例）", "chamber", "上海", "CN", "false"),
    ("org.sz-qz-chamber", "深圳泉州商会（示例）", "chamber", "深圳", "CN", "false"),
    ("org.ph-qz-assoc", "菲律宾泉州同乡会（示例）", "hometown_association", "马尼拉", "PH", "true"),
    ("org.id-qz-assoc", "印尼泉州同乡会（示例）", "hometown_association", "雅加达", "ID", "true"),
    ("org.sg-qz-assoc", "新加坡泉州会馆（示例）", "hometown_association", "新加坡", "SG", "true"),
    ("org.qz-textile-assoc", "泉州纺织服装行业协会（示例）", "industry_association", "泉州", "CN", "false"),
]


def build_relations(companies, is_local, supplies):
    """Illustrative organisations, memberships and shareholdings among fictitious firms (deterministic).

    Each organisation takes some fictitious local firms and some fictitious outside firms as members;
    outside members then hold shares in outside firms with no supply tie to a local firm, so those
    firms reach the city only through their parent's membership: target ← parent → 同乡会 ← local firm.
    """
    fict = [c for c in companies if "（示例）" in c["name"]]
    local = sorted(c["company_id"] for c in fict if is_local(c["company_id"]))
    outside = sorted(c["company_id"] for c in fict if not is_local(c["company_id"]))
    tied = {s["supplier_id"] for s in supplies if is_local(s["customer_id"])}
    tied |= {s["customer_id"] for s in supplies if is_local(s["supplier_id"])}
    untied = [c for c in outside if c not in tied]
    orgs, members, holdings = [], [], []
    for i, (oid, name, kind, city, country, overseas) in enumerate(ORGS):
        orgs.append(
            dict(
                organisation_id=oid,
                name=name,
                kind=kind,
                city=city,
                country=country,
                overseas_chinese=overseas,
                description="示例组织，仅用于演示关系路径",
                source=ILLUSTRATIVE_REL,
                as_of="2026-11-01",
            )
        )
        for j, cid in enumerate(local[i::23][:3]):
            members.append(
                dict(
                    company_id=cid,
                    organisation_id=oid,
                    role="副会长单位" if j == 0 else "会员单位",
                    since=f"{2015 + j}-01-01",
                    source=ILLUSTRATIVE_REL,
                    as_of="2026-11-01",
                )
            )
        for j, cid in enumerate([c for c in outside if c in tied][i::41][:2]):
            members.append(
                dict(
                    company_id=cid,
                    organisation_id=oid,
                    role="会员单位",
                    since=f"{2018 + j}-06-01",
                    source=ILLUSTRATIVE_REL,
                    as_of="2026-11-01",
                )
            )
            for k, target in enumerate(untied[(2 * i + j) * 3 :: 29][:2]):
                holdings.append(
                    dict(
                        holder_id=cid,
                        company_id=target,
                        share_pct=(51, 30)[k],
                        source=ILLUSTRATIVE_REL,
                        as_of="2026-11-01",
                    )
                )
    return orgs, members, holdings


def write_csv(name, rows):
    cols = COLS[name].split()
    with open(OUT / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(cols)
        for r in rows:
            w.writerow([r.get(c, "") for c in cols])


REGION_NAME: dict[str, str] = {}
COMPANIES: dict[str, dict] = {}
SEG_NAME: dict[str, str] = {}
KW: dict[str, str] = {}


def main():
    regions = build_regions()
    REGION_NAME.update({r["region_id"]: r["name"] for r in regions})
    parent = {r["region_id"]: r["parent_id"] for r in regions}

    def in_home(rid):
        while rid:
            if rid == HOME:
                return True
            rid = parent.get(rid, "")
        return False

    chains, segs, plan, kw = build_chains_segments()
    KW.update(kw)
    SEG_NAME.update({s["segment_id"]: s["name"] for s in segs})
    links = build_links()
    entries = ranking_entries()
    real, real_memb = build_real(rank_sources(entries))
    COMPANIES.update({c["company_id"]: c for c in real})
    is_local = lambda cid: in_home(COMPANIES[cid]["region"]) or COMPANIES[cid]["local_site"] == "true"
    global RNG
    is_new = lambda sid: sid.split(".")[0] in NEW_CHAINS
    fict, fict_memb = build_fictitious([x for x in segs if not is_new(x["segment_id"])], plan, real_memb, is_local)
    main_rng, RNG = RNG, random.Random(20261202)  # the new chains draw from a stream of their own
    more, more_memb = build_fictitious(
        [x for x in segs if is_new(x["segment_id"])], plan, real_memb, is_local, taken=fict
    )
    RNG = main_rng
    fict, fict_memb = fict + more, fict_memb + more_memb
    COMPANIES.update({c["company_id"]: c for c in fict})
    memb = real_memb + fict_memb
    seg_firms, roles = defaultdict(list), {}
    memb_by_company = defaultdict(set)
    for m in memb:
        seg_firms[m["segment_id"]].append(m["company_id"])
        roles[(m["company_id"], m["segment_id"])] = m["role"]
        memb_by_company[m["company_id"]].add(m["role"])
    is_leader = lambda cid, sid: roles.get((cid, sid)) == "leading" and is_local(cid)
    statuses, by_chain = {}, defaultdict(dict)
    for s in segs:
        loc = [c for c in seg_firms[s["segment_id"]] if is_local(c)]
        lead = [c for c in loc if is_leader(c, s["segment_id"])]
        st = "missing" if not loc else ("weak" if not lead and len(loc) < 3 else "strong")
        statuses[s["segment_id"]] = st
        by_chain[s["chain_id"]][s["segment_id"]] = st
    new_link = lambda l: is_new(l["from_segment_id"]) or is_new(l["to_segment_id"])
    supplies = build_supplies(
        [l for l in links if not new_link(l)],
        seg_firms,
        is_local,
        is_leader,
        {k: v for k, v in statuses.items() if not is_new(k)},
    )
    main_rng, RNG = RNG, random.Random(20261203)
    supplies += build_supplies(
        [l for l in links if new_link(l)],
        seg_firms,
        is_local,
        is_leader,
        {k: v for k, v in statuses.items() if is_new(k)},
        seen={(x["supplier_id"], x["customer_id"]) for x in supplies},
    )
    RNG = main_rng
    expansions, listings = build_growth(segs, seg_firms, is_local, is_leader, statuses)
    rankings = build_rankings(entries)
    companies = real + fict
    local_ids = {c["company_id"] for c in companies if is_local(c["company_id"])}
    leaders_local = {m["company_id"] for m in memb if m["role"] == "leading" and m["company_id"] in local_ids}
    orgs, affiliations, holdings = build_relations(companies, is_local, supplies)
    tables = dict(
        regions=regions,
        chains=chains,
        segments=segs,
        segment_links=links,
        companies=companies,
        company_segments=memb,
        supplies=supplies,
        rankings=rankings,
        expansions=expansions,
        listings=listings,
        organisations=orgs,
        memberships=affiliations,
        shareholdings=holdings,
    )
    validate(tables, by_chain, local_ids, leaders_local)
    OUT.mkdir(exist_ok=True)
    for name, rows in tables.items():
        write_csv(name, rows)
    stats = summarize(tables, by_chain, local_ids, leaders_local, is_local, is_leader, seg_firms)
    write_readme(tables, stats, real)
    from seed_events import write_events  # the illustrative promotion events (issue 12)

    write_events(OUT)


def summarize(t, by_chain, local_ids, leaders_local, is_local, is_leader, seg_firms):
    L = []
    p = L.append
    p(
        f"chains: {len(t['chains'])}; segments: {len(t['segments'])}; FEEDS links: {len(t['segment_links'])} "
        f"(cross-chain: {sum(l['from_segment_id'].split('.')[0] != l['to_segment_id'].split('.')[0] for l in t['segment_links'])})"
    )
    p(
        f"companies: {len(t['companies'])} (local {len(local_ids)}, non-local {len(t['companies']) - len(local_ids)}; "
        f"real {sum(c['_real'] for c in t['companies'])}, fictitious {sum(not c['_real'] for c in t['companies'])}); "
        f"local leading firms: {len(leaders_local)}"
    )
    ls = [s for s in t["supplies"] if s["customer_id"] in local_ids]
    p(
        f"supplies: {len(t['supplies'])} (non-local -> local leading: "
        f"{sum(1 for s in ls if s['supplier_id'] not in local_ids and s['customer_id'] in leaders_local)}; "
        f"local -> local: {sum(1 for s in ls if s['supplier_id'] in local_ids)})"
    )
    p(
        "rankings: "
        + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["list_id"] for r in t["rankings"]).items()))
        + f" (total {len(t['rankings'])}, sourced {sum(r['source'].startswith('public') for r in t['rankings'])})"
    )
    p(f"company_segments: {len(t['company_segments'])}; regions: {len(t['regions'])}")
    pub = lambda rows: sum(r["source"].startswith("public") for r in rows)
    p(
        f"expansions: {len(t['expansions'])} (sourced {pub(t['expansions'])}); "
        f"listings: {len(t['listings'])} (sourced {pub(t['listings'])})"
    )
    p("directions: " + ", ".join(f"{c['chain_id']} {c['direction']}" for c in t["chains"]))
    for cid, st in by_chain.items():
        segs = [s for s in t["segments"] if s["chain_id"] == cid]
        stages = Counter(s["stage"] for s in segs)
        p(
            f"- {cid}: {len(segs)} segments (up {stages['upstream']}, mid {stages['midstream']}, down {stages['downstream']}); "
            f"strong {sum(v == 'strong' for v in st.values())}"
        )
        p(f"    missing: {', '.join(k for k, v in st.items() if v == 'missing')}")
        p(f"    weak:    {', '.join(k for k, v in st.items() if v == 'weak')}")
    print("\n".join(L))
    return L


def write_readme(t, stats, real):
    used = sorted(USED_SRC, key=lambda s: (s[0], int(s[1:])))
    src_rows = "\n".join(f"| {s} | {SRC[s][0]} | {SRC[s][1]} |" for s in used)
    firm_rows = "\n".join(
        f"| {c['company_id']} | {c['name']} | {c['region']} | {c['listed_code']} | "
        f"{', '.join(dict.fromkeys(SRC_ID_RE.findall(c['source']))) or 'illustrative candidate'} |"
        for c in real
    )
    text = f"""# seed_data — 泉州「招商一张图」示例数据 / Quanzhou sample bundle

由 `scripts/build_seed_data.py` 生成（确定性，随机种子 20261125），请勿手工编辑；重新运行脚本即可再生成。
Generated by `scripts/build_seed_data.py` (deterministic, seed 20261125). Do not edit by hand; re-run the script.

## 数量 / Counts

```
{chr(10).join(stats)}
```

缺链 missing = 该环节没有本地企业；弱链 weak = 无本地龙头且本地企业少于 3 家；其余为 strong。
missing = no local firm; weak = no local leading firm and fewer than 3 local firms; otherwise strong.
"Local" = region inside 泉州市 350500 (its counties/districts and the two functional zones) or `local_site=true`.

## 公开事实与示例数据 / What is public and what is illustrative

每一行都有 `source` 与 `as_of`。Every row has `source` and `as_of`:

- `public: S.. URL` — 事实取自 `/work/shared/QUANZHOU_FACTS.md` 所列来源（S 编号），或经检索核对的公开网页（W 编号）。
  `as_of` 为该事实所属日期；来源页无日期时用检索日期 {ILL_DATE}。
  The fact comes from the cited public page (S-ids from QUANZHOU_FACTS.md; W-ids are extra pages checked with a search
  tool). `as_of` is the date of the fact, or the retrieval date {ILL_DATE} when the page is undated.
- `illustrative: ...` — 示例数据，仅用于演示，不是经核实的事实。Sample data for demonstration, not a verified fact.

公开事实 / public facts used:
- 行政区划代码（GB/T 2260）: 泉州市及 12 个县市区（含金门县 350527）与其他省市 — S65, S66. 两个功能区
  `350521.tsz` 泉州台商投资区（其乡镇属惠安县）与 `350500.etdz` 泉州经济技术开发区 的 id 为本项目自定，非国标代码。
  Foreign countries use ISO 3166-1 alpha-2 codes; Taiwanese firms use country `TW` and region 710000.
- 8 条产业链的规模描述及部分环节（链结构）— S1, S4, S8, S10, S11, S14, S21–S25, S42, S44, S48–S50, S70.
  Segments/links whose `source` is public are named in a published chain structure; the rest of the breakdown is illustrative.
- 真实企业的所在县区、上市代码、所属产业集群与龙头地位 — see the table below. Their revenue, employees and USCC are
  left empty (only 利郎 2023 group revenue 35.44亿元 is sourced, W5). HQ caveat: 安踏 is placed in 晋江 per S26 although
  S27 gives Xiamen; 361度 and 七匹狼 are Xiamen-headquartered with `local_site=true` (Quanzhou factories, S31/S33/S34).
- 榜单名次 / ranks: every row of `rankings.csv` is a real entry of a real list — {len(t["rankings"])} rows
  ({", ".join(f"{k} {v}" for k, v in sorted(Counter(r["list_id"] for r in t["rankings"]).items()))}), each citing where it
  is published: QUANZHOU_FACTS §4 (S-ids); news pages that give the rank or an explicit order (W6–W16: 民营500强 2023/2025
  top 10, 中国企业500强 2017/2018, 服务业500强 2017, 新经济500强 2021, CRIF 台湾大型企业排名 2010/2011/2024/2025 —
  `taiwan-100` uses CRIF's revenue ranking, whose top 100 is Taiwan's top 100); and Fortune Global 500 list data in public
  GitHub repositories (D1: 2022–2024, D2: 2019, D3: 2017, each file at a fixed commit, with `revenue_usd_m` as listed).
  A page and the list data giving the same entry must agree on the rank (the builder stops otherwise).
  Every list entry that could not be verified is left out; no fictitious firm holds a rank. Lists in §4 without ranks
  (2018 民营500强 membership of 恒安/达利/安踏, 安踏 in 2024 中国企业500强) and the Hurun China 500 2022 (market-value list,
  not one of the six list ids) are not turned into ranking rows; Hurun's 泉籍 mark is used only for
  `overseas_chinese=true` on 信义光能, 信义玻璃, 中国旺旺.
- 上榜的真实外地企业（如 台积电、三星电子、中国石油、恒力、鸿海）: name, country and list entries are public (their `source`
  cites the list sources); their region is the head office given by the list data or common knowledge; their segment
  membership, role and share are illustrative — they are there as real candidates for the chains' gaps.

- 文旅与商贸两条链（`direction` 列为 `culture-tourism` / `commerce-trade`，其余 8 条为 `manufacturing`；专场活动按此列或
  链名选链）: 清源山 5A (W18), 八仙过海旅游度假区 (W17), 泉州浦西万达广场 (W19), 中闽百汇 (W30), 中国物流泉州综合物流园区 (W20),
  中通快递 福建总部在泉州 (W21). 京东 and 阿里巴巴 (head offices per the list data) are candidates for 物流园区 — 京东物流 runs
  亚洲一号厦门同安物流园 (W22), 菜鸟 announced a project in the 台商投资区 (W23) — their segment membership is illustrative.
  华润置地 (the action plan names 华润万象城) is an illustrative candidate: no page confirming a 泉州万象城 was found.
  The two chains' segment breakdown and every fictitious firm in them are illustrative.
- 增资扩产 / 上市后备 (`expansions.csv`, `listings.csv`): real projects and pipeline firms only where a page names them
  (W24–W29: 2021 上市后备/挂牌后备 lists, listings of 铁拓机械/久久王/嘉亨家化, 2019 and 2025 project lists); what the page does
  not give (a status, a stage, a day) is said in the row's `source`. Rows whose source is `illustrative` are sample data of
  fictitious firms; their project names carry （示例）.

示例数据 / illustrative:
- 全部名称以「（示例）」结尾、id 以 `x-` 开头的企业均为虚构，其营收、人数、份额、供货关系与榜单名次均为虚构。
  All firms whose name ends with （示例） and id starts with `x-` are fictitious, and so are their revenues, employees,
  shares, supply ties and ranks. `uscc` is empty everywhere (no code was invented).
- 所有供货关系 (`supplies.csv`) 都是示例；没有一条是两家真实企业之间的关系（每条至少一方为虚构企业），
  真实企业只以本地企业身份出现在供货关系中（如虚构供应商向安踏供货），且金额留空。
  All supply ties are illustrative; none links two real firms, a real firm appears in a tie only if it is local
  (e.g. a fictitious supplier selling to 安踏), and the amount is then left empty.
- 其余未上榜、也未列在 QUANZHOU_FACTS.md 的真实外地企业（如 中芯国际、三一重工）仅作为示例候选企业出现，
  其所在地取自常识、所属环节为示例，不含任何榜单、营收或供货事实。Real non-local firms without a sourced list entry
  appear only as sample candidates; their segment is illustrative and no list, revenue or tie is stated for them.
- 页面与 CLI 中，示例企业一律带「（示例）」标记（规则见 `chain_graph/provenance.py`）。Pages and CLI tables show the
  （示例） mark on every illustrative firm (the rule is `chain_graph/provenance.py`).

## 真实企业 / Real firms

| company_id | name | region | listed | sources |
|---|---|---|---|---|
{firm_rows}

## 来源 / Sources

| id | URL | as_of |
|---|---|---|
{src_rows}
"""
    (OUT / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
