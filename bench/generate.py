#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Synthetic accounts, leads and truth for the libl2a benchmark.

    bench/generate.py --accounts 1000000 --persons 100000 --seed 1 --out DIR

writes DIR/accounts.csv, DIR/persons.csv and DIR/truth.csv in the columns of
the `l2a match` contract. The same arguments always give byte-identical files
(Python 3 standard library only, one seeded random stream per file part), and
the accounts file depends only on --seed and --accounts, not on --persons.

Every word list here is written by hand: invented brand tokens are built
from per-language syllable inventories, so that the generator can reach any
size while keeping names and domains unique by construction:

- each language style has token "tiers" (2, 3 or 4 syllables); a tier hands
  out each of its tokens once, in an order scrambled by an affine bijection,
  so no two accounts (or held-out companies) share a brand token;
- domains are built from the brand token, so they are unique too, except
  for the few accounts that deliberately share their parent's domain.

Accounts carry names of many countries and legal systems (Co., Ltd., GmbH,
S.A. de C.V., PT ... Tbk, AB (publ), ...), shared first words ("China",
"National", "First", "Global", city names), universities, banks and
hospitals, and some names in Han, kana, Hangul, Cyrillic, Greek or Arabic
script with an English alias. Leads follow the recipes of the shared
development set: work email at the domain or a subdomain, websites in many
shapes, the company name as typed (typos, case, punctuation, legal form
dropped or swapped, words dropped, alternative names), free-mail addresses,
negatives (companies that are not accounts), account persons and anonymous
records. The truth file is `person_id,account_id,recipe,name_op,expect`.
"""

import argparse
import bisect
import csv
import hashlib
import math
import os
import random
import sys
import time

# ---------------------------------------------------------------------------
# Token spaces: unique invented words from syllable inventories.
# A syllable is an onset (consonants) and a nucleus (vowels); a token is
# 2-4 syllables and an optional final coda (consonants). Onsets never hold a
# vowel and nuclei never hold a consonant, so a token splits into syllables
# in one way only: distinct syllable sequences give distinct strings.
# Each part is (latin, native) where native is the same sound in the style's
# own script (None for Latin-script styles).
# ---------------------------------------------------------------------------


def _pairs(s):
    return [(x, None) for x in s.split()]


def _codas(s):
    """Latin codas; "-" stands for none."""
    return [("" if x == "-" else x, None) for x in s.split()]


class TokenSpace:
    """Hands out each token of a syllable inventory at most once."""

    TIER_WEIGHTS = {2: 0.45, 3: 0.45, 4: 0.10}

    def __init__(self, syllables, codas, tiers=(2, 3, 4), native_join=""):
        self.syl = syllables  # list of (latin, native)
        self.codas = codas    # list of (latin, native)
        self.native_join = native_join
        s, c = len(syllables), len(codas)
        self.tiers = []
        for k in tiers:
            size = s ** k * c
            # A Weyl step near the golden section of the tier: consecutive
            # tokens land far apart.
            mult = int(size * 0.6180339887) | 1
            while math.gcd(mult, size) != 1:
                mult += 2
            self.tiers.append([k, size, mult, 0])  # syllables, capacity, multiplier, next
        w = [self.TIER_WEIGHTS.get(k, 0.1) for k in tiers]
        total = sum(w)
        acc, self.cum = 0.0, []
        for x in w:
            acc += x / total
            self.cum.append(acc)

    def take(self, rnd):
        """A fresh token as (latin, native); rnd picks the preferred length."""
        t = bisect.bisect_left(self.cum, rnd.random())
        if t >= len(self.tiers):
            t = len(self.tiers) - 1
        while self.tiers[t][3] >= self.tiers[t][1]:
            t += 1
            if t == len(self.tiers):
                raise SystemExit("generate.py: token space exhausted")
        tier = self.tiers[t]
        k, size, mult, n = tier
        tier[3] = n + 1
        v = (n * mult + MIX[k] * 7919 + MIX[k + 1]) % size
        syl, codas = self.syl, self.codas
        s, c = len(syl), len(codas)
        ci = v % c
        v //= c
        # Digits, each shifted by a table entry chosen by the previous
        # (already shifted) digit: a bijection that scatters neighbours.
        lat, nat = [], []
        prev = ci
        for j in range(k):
            d = (v % s + MIX[(prev * 7 + j * 131 + k * 1031) % len(MIX)]) % s
            v //= s
            p = syl[d]
            lat.append(p[0])
            nat.append(p[1])
            prev = d
        coda = codas[ci]
        lat.append(coda[0])
        latin = "".join(lat)
        latin = latin[0].upper() + latin[1:]
        native = None
        if nat[0] is not None:
            nat.append(coda[1] or "")
            native = self.native_join.join(nat)
        return latin, native


_MIX_RNG = random.Random("token-mix")
MIX = [_MIX_RNG.randrange(1 << 20) for _ in range(4099)]


def _cv(onsets, nuclei, native=None):
    """All onset+nucleus syllables; native maps (onset, nucleus) -> text."""
    out = []
    for o in onsets:
        for n in nuclei:
            out.append((o[0] + n[0], (o[1] or "") + (n[1] or "") if native else None))
    return out


# Latin-script styles.
_EN = _cv(_pairs("b c d f g h j k l m n p r s t v w z br cr dr fr gr pr tr bl cl fl gl pl sl st sh ch th sc sp qu"),
          _pairs("a e i o u ai ea ou io ee oa"))
_DE = _cv(_pairs("b d f g h k l m n r s t w z sch st br kr fr tr gr bl kl pf"),
          _pairs("a e i o u ei au ie ä ö ü eu"))
_FR = _cv(_pairs("b c d f g l m n p r s t v ch br cr tr gr pl fl"),
          _pairs("a e i o u ou au é è ai eau oi"))
_ES = _cv(_pairs("b c d f g l m n p r s t v br cr tr gr pl ch ll"),
          _pairs("a e i o u ia io ue ua"))
_PT = _cv(_pairs("b c d f g l m n p r s t v br cr tr gr pl ch lh nh"),
          _pairs("a e i o u ão ei ou ai"))
_IT = _cv(_pairs("b c d f g l m n p r s t v br tr gr pr sc gl"),
          _pairs("a e i o u ia io"))
_NORD = _cv(_pairs("b d f g h k l m n r s t v sk st br fj gr kr tr bj sv"),
            _pairs("a e i o u ö å ä y"))
_TR = _cv(_pairs("b c ç d f g h k l m n p r s ş t v y z"),
          _pairs("a e ı i o ö u ü"))
_PL = _cv(_pairs("b c d g k l m n p r s t w z cz sz rz ł dz pr kr tr ch"),
          _pairs("a e i o u y ą ę ó"))
_ID = _cv(_pairs("b d g h j k l m n p r s t w"),
          _pairs("a i u e o"))
_TH = _cv(_pairs("b ch d k kh l m n p ph r s t th w"),
          _pairs("a ai ao i o u ue oe"))
_IN = _cv(_pairs("b bh ch d dh g j k kh l m n p r s sh t v y"),
          _pairs("a aa i e o u ee"))

# Japanese: Hepburn syllables with katakana; every syllable holds one vowel.
_JP = [(r, k) for r, k in zip(
    "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho "
    "ma mi mu me mo ya yu yo ra ri ru re ro wa ga gi gu ge go za ji zu ze zo da de do "
    "ba bi bu be bo pa pi pu pe po".split(),
    "ア イ ウ エ オ カ キ ク ケ コ サ シ ス セ ソ タ チ ツ テ ト ナ ニ ヌ ネ ノ ハ ヒ フ ヘ ホ "
    "マ ミ ム メ モ ヤ ユ ヨ ラ リ ル レ ロ ワ ガ ギ グ ゲ ゴ ザ ジ ズ ゼ ゾ ダ デ ド "
    "バ ビ ブ ベ ボ パ ピ プ ペ ポ".split())]

# Chinese: characters with distinct pinyin, all starting with a consonant.
_HAN = [(p, h) for p, h in zip(
    "hua zhong xin hai tian jin guo ke dian zi dong fang hong da xing sheng tai kang long rui "
    "heng tong hui lian li mei ming guang yong chang rong fu de chuang yuan bo wei fei teng "
    "kai zheng cheng he ping shun feng yi jia jie yun si lan lu wan bao mao run jing hao ze "
    "hang jun di qi qin qing quan qun ru san sen shang shen shi shuang shuo su tang te tu wen "
    "wo xi xiang xiao xie xiu xu ya yang yao ye yin ying you yu yue zhan zhang zhao zhen zhi "
    "zhou zhuo zun bai bang bei cai can chao chen chi chu chuan chun cong cui dan dao ding du "
    "duan fa fan fen gang gao ge gong guan gui han hu huan huang ji jiang jiao jiu ju kun lang "
    "le lei liang lin ling liu lun luo mai man min mu nan ning nong peng pin pu qiang qiao qiu "
    "ren sai shan shui song suo tuo".split(),
    "华 中 新 海 天 金 国 科 电 子 东 方 宏 达 兴 盛 泰 康 隆 瑞 "
    "恒 通 汇 联 力 美 明 光 永 昌 荣 富 德 创 源 博 威 飞 腾 "
    "凯 正 诚 和 平 顺 丰 益 佳 捷 云 思 蓝 路 万 宝 茂 润 晶 豪 泽 "
    "航 君 帝 齐 秦 青 全 群 如 三 森 尚 申 世 双 硕 苏 唐 特 图 文 "
    "沃 希 祥 晓 协 秀 旭 雅 扬 耀 业 银 英 优 宇 悦 展 章 兆 振 智 "
    "洲 卓 尊 佰 邦 北 彩 灿 超 辰 驰 楚 川 春 聪 翠 丹 道 鼎 都 "
    "端 发 帆 芬 港 高 格 工 冠 桂 汉 虎 环 皇 吉 江 骄 久 聚 坤 朗 "
    "乐 雷 良 林 灵 柳 伦 罗 麦 满 民 木 南 宁 农 鹏 品 浦 强 桥 秋 "
    "仁 赛 山 水 松 索 拓".split())]

# Korean: Hangul syllables composed from jamo, onsets never empty.
_KO_L = [("g", 0), ("n", 2), ("d", 3), ("r", 5), ("m", 6), ("b", 7), ("s", 9), ("j", 12),
         ("ch", 14), ("k", 15), ("t", 16), ("p", 17), ("h", 18)]
_KO_V = [("a", 0), ("ae", 1), ("eo", 4), ("e", 5), ("o", 8), ("wa", 9), ("yo", 12), ("u", 13),
         ("wo", 14), ("yu", 17), ("eu", 18), ("i", 20)]
_KO_T = [("", 0), ("k", 1), ("n", 4), ("l", 8), ("m", 16), ("ng", 21)]


def _hangul(l, v, t):
    return chr(0xAC00 + (l * 21 + v) * 28 + t)


_KO = []
for _l in _KO_L:
    for _v in _KO_V:
        for _t in _KO_T:
            _KO.append((_l[0] + _v[0] + _t[0], _hangul(_l[1], _v[1], _t[1])))

# Russian, Greek, Arabic: Latin transliteration with the native letters.
_RU = _cv([("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("zh", "ж"), ("z", "з"), ("k", "к"),
           ("l", "л"), ("m", "м"), ("n", "н"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
           ("f", "ф"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("st", "ст"),
           ("tr", "тр"), ("gr", "гр"), ("pr", "пр"), ("sm", "см")],
          [("a", "а"), ("o", "о"), ("e", "е"), ("i", "и"), ("u", "у"), ("ya", "я"), ("yu", "ю")],
          native=True)
_RU_CODA = [("", ""), ("v", "в"), ("n", "н"), ("k", "к"), ("sk", "ск"), ("r", "р"), ("m", "м")]
_GR = _cv([("k", "κ"), ("p", "π"), ("t", "τ"), ("l", "λ"), ("m", "μ"), ("n", "ν"), ("r", "ρ"),
           ("s", "σ"), ("d", "δ"), ("v", "β"), ("g", "γ"), ("th", "θ"), ("ch", "χ"), ("x", "ξ"),
           ("f", "φ"), ("z", "ζ")],
          [("a", "α"), ("e", "ε"), ("i", "ι"), ("o", "ο"), ("ou", "ου")], native=True)
_GR_CODA = [("", ""), ("s", "ς"), ("n", "ν")]
_AR = _cv([("b", "ب"), ("t", "ت"), ("th", "ث"), ("j", "ج"), ("h", "ح"), ("kh", "خ"), ("d", "د"),
           ("r", "ر"), ("z", "ز"), ("s", "س"), ("sh", "ش"), ("f", "ف"), ("q", "ق"), ("k", "ك"),
           ("l", "ل"), ("m", "م"), ("n", "ن"), ("w", "و")],
          [("a", "ا"), ("i", "ي"), ("u", "و")], native=True)
_AR_CODA = [("", ""), ("n", "ن"), ("r", "ر"), ("m", "م"), ("d", "د")]



def make_spaces():
    return {
        "en": TokenSpace(_EN, _codas("- n r s l x m k t")), "de": TokenSpace(_DE, _codas("- r n l rt ng ck tz")),
        "fr": TokenSpace(_FR, _codas("- x t s l r")), "es": TokenSpace(_ES, _codas("- n r s l z")),
        "pt": TokenSpace(_PT, _codas("- m r s l")), "it": TokenSpace(_IT, _codas("- n r l")),
        "nord": TokenSpace(_NORD, _codas("- n r ng rk nd lm")), "tr": TokenSpace(_TR, _codas("- n r k l m ş z")),
        "pl": TokenSpace(_PL, _codas("- k n r ł ch sz")), "id": TokenSpace(_ID, _codas("- n ng r h k")),
        "th": TokenSpace(_TH, _codas("- n ng t k m")), "in": TokenSpace(_IN, _codas("- n m r t sh")),
        "jp": TokenSpace(_JP, [("", ""), ("n", "ン")]),
        "cn": TokenSpace(_HAN, [("", "")]),
        "kr": TokenSpace(_KO, [("", "")], tiers=(2, 3)),
        "ru": TokenSpace(_RU, _RU_CODA), "gr": TokenSpace(_GR, _GR_CODA), "ar": TokenSpace(_AR, _AR_CODA),
    }


# ---------------------------------------------------------------------------
# Legal forms: groups of equivalent spellings ("swap" picks another one).
# ---------------------------------------------------------------------------

LEGAL = {
    "inc": ["Inc.", "Inc", "Incorporated"],
    "corp": ["Corp.", "Corporation", "Corp"],
    "ltd": ["Ltd.", "Limited", "Ltd"],
    "llc": ["LLC", "L.L.C."],
    "plc": ["plc", "PLC", "Public Limited Company"],
    "coltd": ["Co., Ltd.", "Co., Ltd", "Co. Ltd.", "Company Limited", "Co., Limited"],
    "corpltd": ["Corporation Limited", "Corp., Ltd."],
    "holdltd": ["Holdings Limited", "Holdings Ltd."],
    "pty": ["Pty Ltd", "Pty. Ltd.", "Proprietary Limited"],
    "pvt": ["Private Limited", "Pvt. Ltd.", "Pvt Ltd"],
    "gmbh": ["GmbH", "Gesellschaft mit beschränkter Haftung"],
    "ag": ["AG", "Aktiengesellschaft"],
    "kg": ["GmbH & Co. KG", "GmbH & Co KG"],
    "se": ["SE", "S.E."],
    "sa_fr": ["SA", "S.A.", "Société Anonyme"],
    "sas": ["SAS", "S.A.S."],
    "sa_es": ["S.A.", "SA", "Sociedad Anónima"],
    "sl": ["S.L.", "SL"],
    "sadecv": ["S.A. de C.V.", "SA de CV", "S.A.B. de C.V."],
    "sa_pt": ["S.A.", "S/A", "SA"],
    "ltda": ["Ltda.", "Ltda", "Limitada"],
    "spa": ["S.p.A.", "SpA", "Società per Azioni"],
    "srl": ["S.r.l.", "Srl"],
    "nv": ["N.V.", "NV", "Naamloze Vennootschap"],
    "bv": ["B.V.", "BV"],
    "ab": ["AB", "AB (publ)", "Aktiebolag"],
    "asa": ["ASA"],
    "as_no": ["AS", "A/S"],
    "as_dk": ["A/S", "ApS"],
    "oyj": ["Oyj", "Abp"],
    "oy": ["Oy", "Ab"],
    "pjsc": ["PJSC", "Public Joint Stock Company", "OAO"],
    "jsc": ["JSC", "Joint Stock Company", "AO"],
    "as_tr": ["A.Ş.", "A.S.", "AS", "Anonim Şirketi"],
    "tbk": ["Tbk", "Tbk."],
    "pcl": ["Public Company Limited", "PCL", "Public Co., Ltd."],
    "bhd": ["Berhad", "Bhd", "Bhd."],
    "sdnbhd": ["Sdn. Bhd.", "Sdn Bhd"],
    "pte": ["Pte. Ltd.", "Pte Ltd", "Private Limited"],
    "spzoo": ["Sp. z o.o.", "sp. z o.o.", "Spółka z o.o."],
    "sa_pl": ["S.A.", "SA", "Spółka Akcyjna"],
    "kk": ["K.K.", "Kabushiki Kaisha", "Co., Ltd."],
    "ae": ["S.A.", "A.E."],
    "company": ["Company", "Co."],
    "psc": ["PJSC", "P.J.S.C.", "PSC"],
    "jsc_vn": ["JSC", "Joint Stock Company", "Corporation"],
    "ptyza": ["(Pty) Ltd", "Proprietary Limited"],
}
LEGAL_GROUP_OF = {}
for _g, _forms in LEGAL.items():
    for _f in _forms:
        LEGAL_GROUP_OF.setdefault(_f, _g)
# Forms a lead adds to a name that has none ("legalswap" on universities).
LEGAL_ANY = ["Ltd", "Inc", "LLC", "Corp", "Ltd.", "Inc.", "Limited", "Co."]

# ---------------------------------------------------------------------------
# Countries: code, weight, English names (first is the usual one), token
# style, company TLDs, university TLDs, legal form groups with weights,
# (city, region) pairs, phone code.
# ---------------------------------------------------------------------------

COUNTRIES = [
    ("US", 11.0, ["United States", "United States of America", "USA"], "en",
     [("com", 80), ("net", 5), ("io", 4), ("us", 3), ("co", 3), ("ai", 2), ("biz", 1)], ["edu"],
     [("inc", 45), ("corp", 25), ("llc", 15), ("company", 5), ("ltd", 2), ("", 8)],
     [("New York", "NY"), ("San Francisco", "CA"), ("Austin", "TX"), ("Chicago", "IL"), ("Boston", "MA"),
      ("Seattle", "WA"), ("Denver", "CO"), ("Atlanta", "GA"), ("Miami", "FL"), ("Minneapolis", "MN"),
      ("Phoenix", "AZ"), ("Houston", "TX"), ("San Diego", "CA"), ("Stamford", "CT"), ("Pittsburgh", "PA"),
      ("Columbus", "OH"), ("Nashville", "TN"), ("Salt Lake City", "UT"), ("Portland", "OR"), ("Raleigh", "NC")],
     "1"),
    ("CN", 10.0, ["China", "People's Republic of China", "PRC"], "cn",
     [("com.cn", 35), ("cn", 25), ("com", 35), ("net.cn", 3), ("net", 2)], ["edu.cn"],
     [("coltd", 70), ("corpltd", 10), ("ltd", 10), ("holdltd", 5), ("", 5)],
     [("Beijing", "Beijing"), ("Shanghai", "Shanghai"), ("Shenzhen", "Guangdong"), ("Guangzhou", "Guangdong"),
      ("Hangzhou", "Zhejiang"), ("Nanjing", "Jiangsu"), ("Suzhou", "Jiangsu"), ("Wuhan", "Hubei"),
      ("Chengdu", "Sichuan"), ("Tianjin", "Tianjin"), ("Chongqing", "Chongqing"), ("Xi'an", "Shaanxi"),
      ("Qingdao", "Shandong"), ("Ningbo", "Zhejiang"), ("Xiamen", "Fujian"), ("Hefei", "Anhui"),
      ("Changsha", "Hunan"), ("Zhengzhou", "Henan")],
     "86"),
    ("JP", 9.0, ["Japan", "Nippon"], "jp",
     [("co.jp", 60), ("jp", 15), ("com", 20), ("ne.jp", 3), ("or.jp", 2)], ["ac.jp"],
     [("coltd", 45), ("corp", 30), ("kk", 5), ("inc", 10), ("", 10)],
     [("Tokyo", "Tokyo"), ("Osaka", "Osaka"), ("Nagoya", "Aichi"), ("Yokohama", "Kanagawa"), ("Kobe", "Hyogo"),
      ("Kyoto", "Kyoto"), ("Fukuoka", "Fukuoka"), ("Sapporo", "Hokkaido"), ("Sendai", "Miyagi"),
      ("Hiroshima", "Hiroshima"), ("Okayama", "Okayama"), ("Kanazawa", "Ishikawa")],
     "81"),
    ("CA", 7.0, ["Canada"], "en",
     [("ca", 45), ("com", 55)], ["ca"],
     [("inc", 40), ("corp", 30), ("ltd", 25), ("", 5)],
     [("Toronto", "ON"), ("Vancouver", "BC"), ("Montreal", "QC"), ("Calgary", "AB"), ("Ottawa", "ON"),
      ("Edmonton", "AB"), ("Winnipeg", "MB"), ("Halifax", "NS"), ("Quebec City", "QC"), ("Sudbury", "ON")],
     "1"),
    ("IN", 6.0, ["India", "Bharat"], "in",
     [("com", 50), ("in", 25), ("co.in", 20), ("net", 5)], ["ac.in", "edu.in"],
     [("ltd", 60), ("pvt", 30), ("", 10)],
     [("Mumbai", "Maharashtra"), ("New Delhi", "Delhi"), ("Bengaluru", "Karnataka"), ("Chennai", "Tamil Nadu"),
      ("Hyderabad", "Telangana"), ("Pune", "Maharashtra"), ("Kolkata", "West Bengal"), ("Ahmedabad", "Gujarat"),
      ("Noida", "Uttar Pradesh"), ("Jaipur", "Rajasthan")],
     "91"),
    ("AU", 4.0, ["Australia"], "en",
     [("com.au", 80), ("com", 15), ("net.au", 5)], ["edu.au"],
     [("ltd", 70), ("pty", 25), ("", 5)],
     [("Sydney", "NSW"), ("Melbourne", "VIC"), ("Perth", "WA"), ("Brisbane", "QLD"), ("Adelaide", "SA"),
      ("Canberra", "ACT"), ("Subiaco", "WA"), ("Hobart", "TAS")],
     "61"),
    ("KR", 4.0, ["South Korea", "Korea, Republic of", "Republic of Korea"], "kr",
     [("co.kr", 50), ("com", 40), ("kr", 10)], ["ac.kr"],
     [("coltd", 60), ("corp", 25), ("inc", 10), ("", 5)],
     [("Seoul", "Seoul"), ("Busan", "Busan"), ("Incheon", "Incheon"), ("Daegu", "Daegu"), ("Daejeon", "Daejeon"),
      ("Seongnam", "Gyeonggi"), ("Suwon", "Gyeonggi"), ("Ansan", "Gyeonggi"), ("Cheongju", "Chungbuk")],
     "82"),
    ("TW", 3.6, ["Taiwan", "Taiwan, Province of China", "Chinese Taipei"], "cn",
     [("com.tw", 70), ("com", 25), ("tw", 5)], ["edu.tw"],
     [("coltd", 50), ("corp", 25), ("inc", 15), ("", 10)],
     [("Taipei", "Taipei City"), ("New Taipei City", "New Taipei"), ("Taichung", "Taichung"),
      ("Kaohsiung", "Kaohsiung"), ("Hsinchu", "Hsinchu"), ("Tainan", "Tainan"), ("Taoyuan", "Taoyuan")],
     "886"),
    ("GB", 3.1, ["United Kingdom", "UK", "Great Britain"], "en",
     [("co.uk", 60), ("com", 35), ("uk", 5)], ["ac.uk"],
     [("ltd", 35), ("plc", 40), ("llc", 2), ("", 23)],
     [("London", "England"), ("Manchester", "England"), ("Birmingham", "England"), ("Edinburgh", "Scotland"),
      ("Glasgow", "Scotland"), ("Leeds", "England"), ("Bristol", "England"), ("Cardiff", "Wales"),
      ("Belfast", "Northern Ireland"), ("Middlesbrough", "England")],
     "44"),
    ("HK", 2.5, ["Hong Kong", "Hong Kong SAR"], "cn",
     [("com.hk", 55), ("com", 35), ("hk", 10)], ["edu.hk"],
     [("holdltd", 40), ("ltd", 40), ("coltd", 10), ("", 10)],
     [("Central", "Hong Kong Island"), ("Wanchai", "Hong Kong Island"), ("Kowloon", "Kowloon"),
      ("Tsim Sha Tsui", "Kowloon"), ("Sheung Wan", "Hong Kong Island"), ("Kwun Tong", "Kowloon")],
     "852"),
    ("FR", 2.4, ["France", "French Republic"], "fr",
     [("fr", 70), ("com", 30)], ["fr"],
     [("sa_fr", 55), ("sas", 25), ("se", 5), ("", 15)],
     [("Paris", "Île-de-France"), ("Lyon", "Auvergne-Rhône-Alpes"), ("Marseille", "Provence"),
      ("Toulouse", "Occitanie"), ("Nantes", "Pays de la Loire"), ("Bordeaux", "Nouvelle-Aquitaine"),
      ("Lille", "Hauts-de-France"), ("Strasbourg", "Grand Est"), ("Saint-Étienne", "Auvergne-Rhône-Alpes")],
     "33"),
    ("DE", 2.3, ["Germany", "Deutschland", "Federal Republic of Germany"], "de",
     [("de", 75), ("com", 25)], ["de"],
     [("ag", 45), ("gmbh", 30), ("kg", 10), ("se", 10), ("", 5)],
     [("Berlin", "Berlin"), ("München", "Bayern"), ("Hamburg", "Hamburg"), ("Frankfurt am Main", "Hessen"),
      ("Köln", "Nordrhein-Westfalen"), ("Stuttgart", "Baden-Württemberg"), ("Düsseldorf", "Nordrhein-Westfalen"),
      ("Leipzig", "Sachsen"), ("Nürnberg", "Bayern"), ("Trier", "Rheinland-Pfalz")],
     "49"),
    ("TH", 2.3, ["Thailand", "Kingdom of Thailand"], "th",
     [("co.th", 60), ("com", 40)], ["ac.th"],
     [("pcl", 70), ("coltd", 25), ("", 5)],
     [("Bangkok", "Bangkok"), ("Nonthaburi", "Nonthaburi"), ("Chiang Mai", "Chiang Mai"),
      ("Pathum Thani", "Pathum Thani"), ("Pak Kret", "Nonthaburi"), ("Chonburi", "Chonburi")],
     "66"),
    ("ID", 2.3, ["Indonesia", "Republic of Indonesia"], "id",
     [("co.id", 60), ("com", 35), ("id", 5)], ["ac.id"],
     [("tbk", 85), ("", 15)],
     [("Jakarta", "DKI Jakarta"), ("South Jakarta", "DKI Jakarta"), ("Surabaya", "East Java"),
      ("Bandung", "West Java"), ("Medan", "North Sumatra"), ("Semarang", "Central Java"), ("Tangerang", "Banten")],
     "62"),
    ("SE", 1.9, ["Sweden", "Sverige"], "nord",
     [("se", 65), ("com", 35)], ["se"],
     [("ab", 90), ("", 10)],
     [("Stockholm", "Stockholm"), ("Göteborg", "Västra Götaland"), ("Malmö", "Skåne"), ("Uppsala", "Uppsala"),
      ("Västerås", "Västmanland"), ("Nacka", "Stockholm"), ("Linköping", "Östergötland")],
     "46"),
    ("BR", 1.5, ["Brazil", "Brasil"], "pt",
     [("com.br", 85), ("com", 15)], ["br", "edu.br"],
     [("sa_pt", 70), ("ltda", 20), ("", 10)],
     [("São Paulo", "SP"), ("Rio de Janeiro", "RJ"), ("Belo Horizonte", "MG"), ("Curitiba", "PR"),
      ("Porto Alegre", "RS"), ("Brasília", "DF"), ("Recife", "PE"), ("Campinas", "SP")],
     "55"),
    ("SG", 1.5, ["Singapore"], "en",
     [("com.sg", 55), ("com", 45)], ["edu.sg"],
     [("ltd", 70), ("pte", 25), ("", 5)],
     [("Singapore", "")],
     "65"),
    ("IT", 1.3, ["Italy", "Italia"], "it",
     [("it", 75), ("com", 25)], ["it"],
     [("spa", 80), ("srl", 15), ("", 5)],
     [("Milano", "Lombardia"), ("Roma", "Lazio"), ("Torino", "Piemonte"), ("Bologna", "Emilia-Romagna"),
      ("Firenze", "Toscana"), ("Napoli", "Campania"), ("Verona", "Veneto")],
     "39"),
    ("TR", 1.7, ["Turkey", "Turkiye", "Türkiye"], "tr",
     [("com.tr", 80), ("com", 20)], ["edu.tr"],
     [("as_tr", 90), ("", 10)],
     [("İstanbul", "İstanbul"), ("Ankara", "Ankara"), ("İzmir", "İzmir"), ("Bursa", "Bursa"),
      ("Kocaeli", "Kocaeli"), ("Gaziantep", "Gaziantep")],
     "90"),
    ("IL", 1.1, ["Israel"], "en",
     [("co.il", 50), ("com", 50)], ["ac.il"],
     [("ltd", 85), ("", 15)],
     [("Tel Aviv", "Tel Aviv"), ("Haifa", "Haifa"), ("Jerusalem", "Jerusalem"), ("Netanya", "Central"),
      ("Herzliya", "Tel Aviv"), ("Petah Tikva", "Central")],
     "972"),
    ("CH", 0.9, ["Switzerland", "Schweiz", "Suisse"], "de",
     [("ch", 75), ("com", 25)], ["ch"],
     [("ag", 75), ("gmbh", 10), ("sa_fr", 10), ("", 5)],
     [("Zürich", "ZH"), ("Genève", "GE"), ("Basel", "BS"), ("Bern", "BE"), ("Lausanne", "VD"), ("Zug", "ZG")],
     "41"),
    ("RU", 1.3, ["Russia", "Russian Federation"], "ru",
     [("ru", 75), ("com", 25)], ["ru"],
     [("pjsc", 45), ("jsc", 30), ("llc", 20), ("", 5)],
     [("Moscow", "Moscow"), ("Saint Petersburg", "Saint Petersburg"), ("Novosibirsk", "Novosibirsk Oblast"),
      ("Yekaterinburg", "Sverdlovsk Oblast"), ("Kazan", "Tatarstan"), ("Nizhny Novgorod", "Nizhny Novgorod Oblast")],
     "7"),
    ("ZA", 0.7, ["South Africa"], "en",
     [("co.za", 80), ("com", 20)], ["ac.za"],
     [("ltd", 75), ("ptyza", 15), ("", 10)],
     [("Johannesburg", "Gauteng"), ("Cape Town", "Western Cape"), ("Durban", "KwaZulu-Natal"),
      ("Pretoria", "Gauteng"), ("Sandton", "Gauteng")],
     "27"),
    ("NO", 0.7, ["Norway", "Norge"], "nord",
     [("no", 70), ("com", 30)], ["no"],
     [("asa", 70), ("as_no", 25), ("", 5)],
     [("Oslo", "Oslo"), ("Bergen", "Vestland"), ("Stavanger", "Rogaland"), ("Trondheim", "Trøndelag"),
      ("Lysaker", "Viken")],
     "47"),
    ("MY", 0.6, ["Malaysia"], "id",
     [("com.my", 70), ("com", 30)], ["edu.my"],
     [("bhd", 75), ("sdnbhd", 20), ("", 5)],
     [("Kuala Lumpur", "Wilayah Persekutuan"), ("Petaling Jaya", "Selangor"), ("Shah Alam", "Selangor"),
      ("Penang", "Pulau Pinang"), ("Johor Bahru", "Johor")],
     "60"),
    ("SA", 0.6, ["Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"], "ar",
     [("com.sa", 60), ("com", 40)], ["edu.sa"],
     [("company", 60), ("psc", 20), ("", 20)],
     [("Riyadh", "Riyadh"), ("Jeddah", "Makkah"), ("Dammam", "Eastern Province"), ("Al-Khobar", "Eastern Province"),
      ("Medina", "Medina")],
     "966"),
    ("DK", 0.6, ["Denmark", "Danmark"], "nord",
     [("dk", 75), ("com", 25)], ["dk"],
     [("as_dk", 90), ("", 10)],
     [("København", "Hovedstaden"), ("Aarhus", "Midtjylland"), ("Odense", "Syddanmark"), ("Aalborg", "Nordjylland")],
     "45"),
    ("AR", 0.6, ["Argentina"], "es",
     [("com.ar", 80), ("com", 20)], ["edu.ar"],
     [("sa_es", 85), ("", 15)],
     [("Buenos Aires", "Buenos Aires"), ("Córdoba", "Córdoba"), ("Rosario", "Santa Fe"), ("Mendoza", "Mendoza")],
     "54"),
    ("FI", 0.6, ["Finland", "Suomi"], "nord",
     [("fi", 70), ("com", 30)], ["fi"],
     [("oyj", 75), ("oy", 20), ("", 5)],
     [("Helsinki", "Uusimaa"), ("Espoo", "Uusimaa"), ("Tampere", "Pirkanmaa"), ("Vantaa", "Uusimaa"),
      ("Turku", "Varsinais-Suomi"), ("Oulu", "Pohjois-Pohjanmaa")],
     "358"),
    ("CL", 0.6, ["Chile"], "es",
     [("cl", 80), ("com", 20)], ["cl"],
     [("sa_es", 85), ("", 15)],
     [("Santiago", "Región Metropolitana"), ("Valparaíso", "Valparaíso"), ("Concepción", "Biobío"),
      ("Antofagasta", "Antofagasta")],
     "56"),
    ("GR", 0.5, ["Greece", "Hellas"], "gr",
     [("gr", 75), ("com", 25)], ["gr"],
     [("ae", 85), ("", 15)],
     [("Athens", "Attica"), ("Thessaloniki", "Central Macedonia"), ("Patras", "Western Greece"),
      ("Heraklion", "Crete"), ("Piraeus", "Attica")],
     "30"),
    ("MX", 0.5, ["Mexico", "México"], "es",
     [("com.mx", 80), ("mx", 5), ("com", 15)], ["edu.mx", "mx"],
     [("sadecv", 85), ("", 15)],
     [("Ciudad de México", "CDMX"), ("Monterrey", "Nuevo León"), ("Guadalajara", "Jalisco"),
      ("Puebla", "Puebla"), ("Tijuana", "Baja California"), ("Querétaro", "Querétaro")],
     "52"),
    ("BE", 0.5, ["Belgium", "Belgique", "België"], "fr",
     [("be", 75), ("com", 25)], ["be"],
     [("nv", 55), ("sa_fr", 35), ("", 10)],
     [("Brussels", "Brussels"), ("Antwerpen", "Antwerp"), ("Gent", "East Flanders"), ("Liège", "Liège"),
      ("Leuven", "Flemish Brabant")],
     "32"),
    ("NL", 0.5, ["Netherlands", "The Netherlands", "Holland"], "de",
     [("nl", 75), ("com", 25)], ["nl"],
     [("nv", 60), ("bv", 35), ("", 5)],
     [("Amsterdam", "Noord-Holland"), ("Rotterdam", "Zuid-Holland"), ("Den Haag", "Zuid-Holland"),
      ("Utrecht", "Utrecht"), ("Eindhoven", "Noord-Brabant")],
     "31"),
    ("PL", 0.45, ["Poland", "Polska"], "pl",
     [("pl", 65), ("com.pl", 20), ("com", 15)], ["edu.pl", "pl"],
     [("sa_pl", 70), ("spzoo", 25), ("", 5)],
     [("Warszawa", "mazowieckie"), ("Kraków", "małopolskie"), ("Łódź", "łódzkie"), ("Wrocław", "dolnośląskie"),
      ("Poznań", "wielkopolskie"), ("Gdańsk", "pomorskie")],
     "48"),
    ("PK", 0.4, ["Pakistan"], "in",
     [("com.pk", 60), ("com", 40)], ["edu.pk"],
     [("ltd", 80), ("", 20)],
     [("Karachi", "Sindh"), ("Lahore", "Punjab"), ("Islamabad", "Islamabad Capital Territory"),
      ("Faisalabad", "Punjab")],
     "92"),
    ("ES", 0.5, ["Spain", "España"], "es",
     [("es", 70), ("com", 30)], ["es"],
     [("sa_es", 75), ("sl", 15), ("", 10)],
     [("Madrid", "Madrid"), ("Barcelona", "Cataluña"), ("Valencia", "Comunidad Valenciana"), ("Sevilla", "Andalucía"),
      ("Bilbao", "País Vasco"), ("Zaragoza", "Aragón")],
     "34"),
    ("VN", 0.4, ["Vietnam", "Viet Nam"], "id",
     [("com.vn", 70), ("vn", 10), ("com", 20)], ["edu.vn"],
     [("jsc_vn", 80), ("", 20)],
     [("Hanoi", "Hanoi"), ("Ho Chi Minh City", "Ho Chi Minh City"), ("Da Nang", "Da Nang"),
      ("Hai Phong", "Hai Phong")],
     "84"),
    ("PH", 0.4, ["Philippines"], "es",
     [("com.ph", 60), ("com", 40)], ["edu.ph"],
     [("inc", 60), ("corp", 30), ("", 10)],
     [("Manila", "Metro Manila"), ("Makati", "Metro Manila"), ("Cebu City", "Cebu"), ("Quezon City", "Metro Manila"),
      ("Pasig", "Metro Manila")],
     "63"),
    ("EG", 0.3, ["Egypt"], "ar",
     [("com.eg", 60), ("com", 40)], ["edu.eg"],
     [("company", 50), ("psc", 20), ("", 30)],
     [("Cairo", "Cairo"), ("Alexandria", "Alexandria"), ("Giza", "Giza")],
     "20"),
    ("AE", 0.3, ["United Arab Emirates", "UAE"], "ar",
     [("ae", 55), ("com", 45)], ["ac.ae"],
     [("psc", 50), ("llc", 30), ("", 20)],
     [("Dubai", "Dubai"), ("Abu Dhabi", "Abu Dhabi"), ("Sharjah", "Sharjah")],
     "971"),
    ("UA", 0.3, ["Ukraine"], "ru",
     [("com.ua", 60), ("ua", 20), ("com", 20)], ["edu.ua"],
     [("pjsc", 40), ("jsc", 30), ("llc", 25), ("", 5)],
     [("Kyiv", "Kyiv"), ("Kharkiv", "Kharkiv Oblast"), ("Odesa", "Odesa Oblast"), ("Lviv", "Lviv Oblast"),
      ("Dnipro", "Dnipropetrovsk Oblast")],
     "380"),
    ("AT", 0.3, ["Austria", "Österreich"], "de",
     [("at", 75), ("com", 25)], ["ac.at"],
     [("ag", 60), ("gmbh", 35), ("", 5)],
     [("Wien", "Wien"), ("Graz", "Steiermark"), ("Linz", "Oberösterreich"), ("Salzburg", "Salzburg"),
      ("Innsbruck", "Tirol"), ("Villach", "Kärnten")],
     "43"),
    ("NZ", 0.3, ["New Zealand"], "en",
     [("co.nz", 75), ("com", 25)], ["ac.nz"],
     [("ltd", 85), ("", 15)],
     [("Auckland", "Auckland"), ("Wellington", "Wellington"), ("Christchurch", "Canterbury"),
      ("Hamilton", "Waikato")],
     "64"),
    ("PT", 0.3, ["Portugal"], "pt",
     [("pt", 75), ("com", 25)], ["pt"],
     [("sa_pt", 80), ("ltda", 10), ("", 10)],
     [("Lisboa", "Lisboa"), ("Porto", "Porto"), ("Braga", "Braga"), ("Coimbra", "Coimbra"), ("Funchal", "Madeira")],
     "351"),
    ("CO", 0.3, ["Colombia"], "es",
     [("com.co", 75), ("co", 5), ("com", 20)], ["edu.co"],
     [("sa_es", 80), ("", 20)],
     [("Bogotá", "Cundinamarca"), ("Medellín", "Antioquia"), ("Cali", "Valle del Cauca"),
      ("Barranquilla", "Atlántico")],
     "57"),
    ("KE", 0.2, ["Kenya"], "en",
     [("co.ke", 70), ("com", 30)], ["ac.ke"],
     [("ltd", 85), ("", 15)],
     [("Nairobi", "Nairobi"), ("Mombasa", "Mombasa"), ("Kisumu", "Kisumu")],
     "254"),
    ("NG", 0.3, ["Nigeria"], "en",
     [("com.ng", 60), ("ng", 10), ("com", 30)], ["edu.ng"],
     [("plc", 50), ("ltd", 40), ("", 10)],
     [("Lagos", "Lagos"), ("Abuja", "FCT"), ("Ibadan", "Oyo"), ("Port Harcourt", "Rivers")],
     "234"),
    ("IR", 0.5, ["Iran", "Iran, Islamic Republic of"], "ar",
     [("ir", 70), ("com", 30)], ["ac.ir"],
     [("company", 60), ("", 40)],
     [("Tehran", "Tehran"), ("Isfahan", "Isfahan"), ("Mashhad", "Razavi Khorasan"), ("Tabriz", "East Azerbaijan"),
      ("Shiraz", "Fars")],
     "98"),
    ("BG", 0.2, ["Bulgaria"], "ru",
     [("bg", 70), ("com", 30)], ["bg"],
     [("jsc", 60), ("llc", 30), ("", 10)],
     [("Sofia", "Sofia City"), ("Plovdiv", "Plovdiv"), ("Varna", "Varna"), ("Burgas", "Burgas")],
     "359"),
]
COUNTRY_BY_CODE = {c[0]: c for c in COUNTRIES}

# Names in the style's own script, and how many accounts carry one.
NATIVE_SHARE = {"cn": 0.10, "jp": 0.12, "kr": 0.10, "ru": 0.25, "gr": 0.20, "ar": 0.20}

# ---------------------------------------------------------------------------
# Words.
# ---------------------------------------------------------------------------

# (display word, short form for domains, industry label for the CSV column)
INDUSTRIES = [
    ("Technology", "tech", "Technology Hardware"), ("Technologies", "tech", "IT Services"),
    ("Holdings", "holdings", "Diversified Financials"), ("Group", "group", "Industrial Conglomerates"),
    ("Resources", "resources", "Metals & Mining"), ("Minerals", "minerals", "Metals & Mining"),
    ("Mining", "mining", "Metals & Mining"), ("Metals", "metals", "Metals & Mining"),
    ("Gold", "gold", "Metals & Mining"), ("Lithium", "lithium", "Metals & Mining"),
    ("Copper", "copper", "Metals & Mining"), ("Exploration", "exploration", "Metals & Mining"),
    ("Energy", "energy", "Oil, Gas & Consumable Fuels"), ("Petroleum", "petroleum", "Oil, Gas & Consumable Fuels"),
    ("Oil & Gas", "oilgas", "Oil, Gas & Consumable Fuels"), ("Power", "power", "Electric Utilities"),
    ("Renewable Energy", "renewables", "Renewable Electricity"), ("Solar", "solar", "Renewable Electricity"),
    ("Pharmaceuticals", "pharma", "Pharmaceuticals"), ("Pharmaceutical", "pharma", "Pharmaceuticals"),
    ("Biotech", "bio", "Biotechnology"), ("Bioengineering", "bio", "Biotechnology"),
    ("Therapeutics", "tx", "Biotechnology"), ("Diagnostics", "dx", "Health Care Equipment"),
    ("Medical", "medical", "Health Care Equipment"), ("Healthcare", "health", "Health Care Providers"),
    ("Electronics", "electronics", "Electronic Equipment"), ("Optoelectronics", "opto", "Electronic Equipment"),
    ("Semiconductor", "semi", "Semiconductors"), ("Precision", "precision", "Machinery"),
    ("Instruments", "instruments", "Electronic Equipment"), ("Industries", "industries", "Industrial Conglomerates"),
    ("Industrial", "industrial", "Machinery"), ("Machinery", "machinery", "Machinery"),
    ("Engineering", "eng", "Construction & Engineering"), ("Construction", "construction", "Construction & Engineering"),
    ("Logistics", "logistics", "Air Freight & Logistics"), ("Shipping", "shipping", "Marine"),
    ("Marine", "marine", "Marine"), ("Aviation", "aviation", "Airlines"), ("Airlines", "air", "Airlines"),
    ("Systems", "systems", "Software"), ("Software", "soft", "Software"), ("Solutions", "solutions", "IT Services"),
    ("Networks", "networks", "Communications Equipment"), ("Communications", "comms", "Telecommunication Services"),
    ("Telecom", "telecom", "Telecommunication Services"), ("Digital", "digital", "Interactive Media"),
    ("Interactive", "interactive", "Entertainment"), ("Games", "games", "Entertainment"),
    ("Media", "media", "Media"), ("Entertainment", "ent", "Entertainment"), ("Publishing", "publishing", "Media"),
    ("Capital", "capital", "Capital Markets"), ("Investment", "invest", "Capital Markets"),
    ("Securities", "securities", "Capital Markets"), ("Financial", "financial", "Consumer Finance"),
    ("Insurance", "insurance", "Insurance"), ("Properties", "properties", "Real Estate Management & Development"),
    ("Real Estate", "realestate", "Real Estate Management & Development"),
    ("Development", "development", "Real Estate Management & Development"),
    ("Foods", "foods", "Food Products"), ("Beverages", "beverages", "Beverages"), ("Dairy", "dairy", "Food Products"),
    ("Agriculture", "agri", "Food Products"), ("Seeds", "seeds", "Food Products"),
    ("Textiles", "textiles", "Textiles, Apparel & Luxury Goods"), ("Apparel", "apparel", "Textiles, Apparel & Luxury Goods"),
    ("Chemicals", "chem", "Chemicals"), ("Chemical", "chem", "Chemicals"), ("Materials", "materials", "Chemicals"),
    ("Plastics", "plastics", "Chemicals"), ("Steel", "steel", "Metals & Mining"), ("Cement", "cement", "Construction Materials"),
    ("Paper", "paper", "Paper & Forest Products"), ("Motors", "motors", "Automobiles"),
    ("Automotive", "auto", "Auto Components"), ("Retail", "retail", "Specialty Retail"),
    ("Trading", "trading", "Trading Companies & Distributors"), ("Consulting", "consulting", "Professional Services"),
    ("Services", "services", "Commercial Services & Supplies"), ("Hotels", "hotels", "Hotels, Restaurants & Leisure"),
    ("Travel", "travel", "Hotels, Restaurants & Leisure"), ("Education", "edu", "Diversified Consumer Services"),
    ("Robotics", "robotics", "Machinery"), ("Analytics", "analytics", "Software"), ("Cloud", "cloud", "Software"),
    ("Security", "security", "Software"), ("Labs", "labs", "Life Sciences Tools & Services"),
    ("Ventures", "ventures", "Capital Markets"), ("Partners", "partners", "Capital Markets"),
]

# Shared first words: many accounts start with these.
PREFIXES = ["National", "First", "Global", "International", "United", "General", "Pacific", "Royal", "New",
            "Great", "Golden", "Eastern", "Western", "Northern", "Southern", "Central", "Universal", "Premier",
            "Advanced", "Allied", "Atlantic", "Continental", "Asia", "Metro", "Capital", "Union", "Standard"]
PREFIXES_BY_COUNTRY = {
    "CN": ["China", "China", "Sino"], "HK": ["China", "Hong Kong"], "TW": ["Taiwan", "Formosa"],
    "JP": ["Nippon", "Japan", "Tokyo", "Osaka"], "KR": ["Korea", "Seoul", "Hankook"],
    "US": ["American", "America", "Texas", "California"], "CA": ["Canadian", "Canada"],
    "AU": ["Australian", "Austral"], "IN": ["Indian", "India", "Bharat"], "TH": ["Siam", "Thai"],
    "SA": ["Saudi", "Arabian"], "AE": ["Emirates", "Gulf"], "GB": ["British", "London"],
    "SE": ["Nordic", "Svenska"], "NO": ["Nordic", "Norsk"], "DK": ["Nordic", "Dansk"], "FI": ["Nordic", "Suomen"],
    "CH": ["Swiss"], "DE": ["Deutsche", "Euro"], "FR": ["Euro", "Compagnie"], "BR": ["Brasil"],
    "MX": ["Grupo"], "ES": ["Grupo"], "AR": ["Grupo"], "ID": ["Indo"], "MY": ["Malaysian"], "SG": ["Singapore"],
    "RU": ["Rus"], "TR": ["Türk"], "ZA": ["African"], "NG": ["Nigerian"], "PH": ["Philippine"],
}

# Dictionary words for names such as "Golden Ridge Minerals".
WORDS_A = ("Golden Silver Blue Green Red Black White Bright Clear Rapid Smart Star Sun Moon Ocean River Lake "
           "Mountain Stone Rock Iron Eagle Falcon Phoenix Dragon Tiger Lion Wolf Bear Fox Hawk Summit Peak "
           "Harbor Bay Coast Island Prairie Canyon Cedar Pine Oak Maple Willow Birch Aspen Sky Cloud Storm "
           "Thunder Fire Ice Crystal Diamond Pearl Ruby Emerald Sapphire Jade Amber Onyx Granite Marble Quartz "
           "Cobalt Titan Atlas Orion Apex Vertex Zenith Horizon Frontier Pioneer Liberty Victory Unity Harmony "
           "Trinity Legacy Heritage Pinnacle Keystone Landmark Beacon Compass Anchor Bridge Gateway Meridian "
           "Polar Coastal Alpine Arctic Tropical Desert Sierra Vista Evergreen Northstar Bluewater Redwood "
           "Greenfield Brookside Riverside Lakeside Hillside Westbrook Eastgate Kingston Windsor Cambridge "
           "Hamilton Wellington Victoria Regent Crown Imperial Sovereign Noble Prime Alpha Omega Delta Sigma "
           "Nova Stellar Quantum Fusion Vector Matrix Nexus Core Pulse Spark Flux Wave Signal Echo Vision "
           "Insight Genesis Origin Element Catalyst Synergy Dynamic Kinetic Velocity Momentum Agile Swift "
           "True Bold Grand Elite Select Optimum Superior Coral Lotus Orchid Sequoia Cypress Juniper Magnolia "
           "Sterling Platinum Copperhead Ironwood Stonebridge Silverline Clearwater Blackstone Whitewater").split()
WORDS_B = ("Ridge Valley Forest Field Point Bay Creek Hill Park Gate Bridge Harbor Rock Stone Peak Crest Shore "
           "Springs Falls Lake River Island Canyon Mesa Grove Meadow Haven Port Bluff Cove Brook Summit Trail "
           "Path Way Line Star Light Wave Tree Leaf Root Seed Wing Arrow Shield Crown Key Tower Castle Point "
           "Works Labs Edge Link Net Core Grid Hub Base Source Spring Stream Flow Bridge Sky Vale Glen Heights "
           "Plains Range Fields Ridge Rivers Lakes Waters Woods Hills Pointe Landing Crossing Station Square "
           "Circle Arc Loop Forge Mill Foundry Yard Dock Pier Quay Wharf").split()
# de-duplicate while keeping order
WORDS_A = list(dict.fromkeys(WORDS_A))
WORDS_B = list(dict.fromkeys(WORDS_B))

UNI_FIELDS = ["Technology", "Science and Technology", "Medicine", "Nursing", "Agriculture", "Engineering",
              "Economics", "Foreign Studies", "Education", "Fine Arts", "Business", "Law", "Health Sciences",
              "Commerce", "Pharmacy", "Music", "Applied Sciences", "Architecture", "Veterinary Medicine"]

UNI_TEMPLATES = {
    "en": ["University of {P}", "{P} University", "{P} State University", "{P} College", "{P} Community College",
           "{P} Institute of Technology", "{P} University of {F}", "{P} College of {F}", "{P} Medical University",
           "{P} Polytechnic", "{P} Technical College", "{P} School of {F}"],
    "de": ["Universität {P}", "Technische Universität {P}", "Hochschule {P}", "Hochschule für {FD} {P}",
           "Fachhochschule {P}", "{P} University"],
    "fr": ["Université de {P}", "Université {P}", "École Supérieure de {FF} de {P}", "Institut National de {FF} {P}"],
    "es": ["Universidad de {P}", "Universidad Nacional de {P}", "Universidad Técnica de {P}",
           "Universidad Autónoma de {P}", "Instituto Tecnológico de {P}", "Universidad Católica de {P}"],
    "pt": ["Universidade de {P}", "Universidade Federal de {P}", "Faculdade {P}", "Instituto Federal de {P}",
           "Universidade Estadual de {P}"],
    "it": ["Università degli Studi di {P}", "Politecnico di {P}", "Università di {P}"],
    "nord": ["{P} University", "University of {P}", "{P} universitet", "{P} högskola"],
    "tr": ["{P} Üniversitesi", "{P} Teknik Üniversitesi", "{P} University"],
    "pl": ["Uniwersytet {P}", "Politechnika {P}", "Akademia {P}", "{P} University"],
    "id": ["Universitas {P}", "Institut Teknologi {P}", "Politeknik Negeri {P}", "Universiti {P}"],
    "th": ["{P} University", "Rajamangala University of Technology {P}", "{P} Rajabhat University"],
    "in": ["{P} University", "{P} Institute of Technology", "{P} College of Engineering",
           "{P} Institute of Management Studies", "{P} Medical College"],
    "jp": ["{P} University", "{P} Women's University", "{P} University of {F}", "{P} Medical College",
           "{P} Gakuin University"],
    "cn": ["{P} University", "{P} University of Science and Technology", "{P} Normal University",
           "{P} Medical University", "{P} University of Technology"],
    "kr": ["{P} University", "{P} National University", "{P} Womans University", "{P} University of Science"],
    "ru": ["{P} State University", "{P} State Technical University", "{P} Medical Academy"],
    "gr": ["University of {P}", "{P} Technological Institute"],
    "ar": ["{P} University", "University of {P}", "King {P} University", "{P} College of Technology"],
}
FIELDS_DE = ["Technik", "Wirtschaft", "Musik", "Angewandte Wissenschaften", "Gestaltung", "Jüdische Studien"]
FIELDS_FR = ["Commerce", "Génie Électrique", "Chimie", "Agronomie", "Arts Appliqués", "Télécommunications"]
# Native-script university names, index-aligned with the English templates above.
UNI_NATIVE = {
    "cn": ["{N}大学", "{N}科技大学", "{N}师范大学", "{N}医科大学", "{N}理工大学"],
    "jp": ["{N}大学", "{N}女子大学", None, "{N}医科大学", "{N}学院大学"],
    "kr": ["{N}대학교", "{N}국립대학교", "{N}여자대학교", "{N}과학대학교"],
    "ru": ["{N} государственный университет", "{N} государственный технический университет",
           "{N} медицинская академия"],
    "gr": ["Πανεπιστήμιο {N}", "Τεχνολογικό Ίδρυμα {N}"],
    "ar": ["جامعة {N}", "جامعة {N}", "جامعة الملك {N}", "كلية {N} التقنية"],
}

ORG_TEMPLATES = ["Bank of {P}", "{P} National Bank", "{P} Savings Bank", "{P} General Hospital",
                 "{P} Medical Center", "{P} City Council", "{P} Regional Health Authority",
                 "{P} Chamber of Commerce", "{P} Foundation", "{P} Credit Union", "{P} Port Authority",
                 "{P} Cooperative Bank", "{P} Children's Hospital", "{P} Museum of Art"]

# Chinese industry words and legal forms, aligned English / Han.
CN_INDUSTRY = [("Technology", "科技"), ("Electronics", "电子"), ("Industrial", "实业"), ("Holdings", "控股"),
               ("Pharmaceutical", "医药"), ("Biotechnology", "生物"), ("Energy", "能源"), ("Real Estate", "置业"),
               ("Chemical", "化工"), ("Machinery", "机械"), ("New Materials", "新材料"), ("Food", "食品"),
               ("Investment", "投资"), ("Logistics", "物流"), ("Environmental Protection", "环保"),
               ("Information Technology", "信息技术"), ("Automotive", "汽车"), ("Construction", "建设"),
               ("Textile", "纺织"), ("Steel", "钢铁"), ("Media", "传媒"), ("Communication", "通信"),
               ("Optoelectronics", "光电"), ("Precision", "精密"), ("Intelligent Technology", "智能科技"),
               ("Culture", "文化")]
CN_PLACES = [("Beijing", "北京"), ("Shanghai", "上海"), ("Shenzhen", "深圳"), ("Guangzhou", "广州"),
             ("Hangzhou", "杭州"), ("Nanjing", "南京"), ("Suzhou", "苏州"), ("Wuhan", "武汉"), ("Chengdu", "成都"),
             ("Tianjin", "天津"), ("Chongqing", "重庆"), ("Qingdao", "青岛"), ("Ningbo", "宁波"), ("Xiamen", "厦门"),
             ("Hefei", "合肥"), ("Changsha", "长沙"), ("Jiangsu", "江苏"), ("Zhejiang", "浙江"), ("Guangdong", "广东"),
             ("Shandong", "山东"), ("Fujian", "福建"), ("Sichuan", "四川"), ("Hunan", "湖南"), ("Hubei", "湖北"),
             ("Anhui", "安徽"), ("Henan", "河南")]
JP_INDUSTRY = [("Kogyo", "工業"), ("Sangyo", "産業"), ("Seiki", "精機"), ("Denki", "電機"), ("Shoji", "商事"),
               ("Kasei", "化成"), ("Seiyaku", "製薬"), ("Tsusho", "通商"), ("Kensetsu", "建設"), ("Shokai", "商会")]
KR_INDUSTRY = [("Industrial", "산업"), ("Electronics", "전자"), ("Construction", "건설"), ("Chemical", "화학"),
               ("Pharmaceutical", "제약"), ("Steel", "제철"), ("Telecom", "텔레콤"), ("Holdings", "홀딩스")]
RU_INDUSTRY = [("energo", "энерго"), ("stroy", "строй"), ("neft", "нефть"), ("prom", "пром"), ("trans", "транс"),
               ("invest", "инвест"), ("agro", "агро"), ("tekh", "тех"), ("", ""), ("", "")]
RU_LEGAL = {"pjsc": "ПАО", "jsc": "АО", "llc": "ООО", "": "ООО"}
AR_KIND = [("Holding", "القابضة"), ("Trading", "للتجارة"), ("Industries", "للصناعات"), ("Investment", "للاستثمار"),
           ("Contracting", "للمقاولات")]

# Persons.
FIRST_NAMES = ("James Mary John Anna Wei Li Hiroshi Yuki Aiko Ken Minh Priya Raj Arjun Fatima Omar Ahmed Leila "
               "Sara Elena Maria Carlos Diego Pedro Rosa Hans Julia Lena Felix Sven Ingrid Lars Olga Ivan Nadia "
               "Emeka Kwame Amara Noor Zara Hana Mei Luca Marco Eva Tomas Paul Liam Noah Emma Sofia Chloe "
               "Mateo Lucas Yara Jorge Ali Aisha Mohammed Seo-yeon Ji-ho Min-jun Thanh Dewi Budi Siti Kofi "
               "Ayşe Mehmet Zoë Björn Søren Jürgen Chloé François Łukasz Agnieszka Dimitris Eleni").split()
LAST_NAMES = ("Smith Johnson Chen Wang Li Zhang Tanaka Sato Suzuki Nakamura Kim Park Lee Nguyen Tran Patel "
              "Sharma Singh Khan Ali Haddad Rahman Garcia Lopez Fernandez Silva Santos Costa Ortiz Rossi "
              "Bianchi Mueller Schmidt Fischer Weber Hoffmann Berg Larsen Jensen Andersen Johansson Eriksson "
              "Lindqvist Novak Kowalski Petrov Ivanova Okafor Mensah Dubois Moreau Cohen Yilmaz Demir "
              "Papadopoulos Wilson Brown Taylor Martin Anderson Thomas Moore Clark Lewis Walker Young Allen "
              "Müller Öztürk Dąbrowski Nowak Kuznetsov Popescu Horvat Kovač Takahashi Watanabe Yamamoto "
              "Choi Jung Huang Liu Zhao Wu Santoso Wijaya").split()
TITLES = ["", "", "", "CEO", "CFO", "CTO", "VP Marketing", "Head of Sales", "Director of IT", "Engineer",
          "Analyst", "Student", "Professor", "Operations Lead", "Procurement Manager", "Account Executive",
          "Research Scientist", "HR Manager", "Product Manager", "Software Developer", "Consultant"]
FREEMAIL = [("gmail.com", 30), ("yahoo.com", 8), ("hotmail.com", 8), ("outlook.com", 6), ("qq.com", 4),
            ("163.com", 3), ("126.com", 1), ("sina.com", 1), ("mail.ru", 2), ("yandex.ru", 2), ("gmx.de", 2),
            ("web.de", 1), ("t-online.de", 1), ("naver.com", 2), ("daum.net", 1), ("yahoo.co.jp", 2),
            ("libero.it", 1), ("orange.fr", 1), ("free.fr", 1), ("wp.pl", 1), ("seznam.cz", 1),
            ("bol.com.br", 1), ("rediffmail.com", 1), ("icloud.com", 3), ("aol.com", 2), ("hotmail.co.uk", 1),
            ("yahoo.co.uk", 1), ("btinternet.com", 1), ("live.com", 2), ("protonmail.com", 1), ("gmx.net", 1),
            ("yahoo.fr", 1), ("hotmail.fr", 1), ("mail.com", 1)]
DISPOSABLE = ["mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com", "trashmail.com",
              "temp-mail.org", "sharklasers.com", "getnada.com", "dispostable.com", "throwawaymail.com",
              "maildrop.cc", "mintemail.com"]
SUFFIXES = ["group", "global", "corp", "co", "hq", "online", "intl", "world"]
SUBDOMAINS = ["emea", "apac", "eu", "us", "uk", "de", "jp", "mail", "corp", "research", "cn", "in", "fr",
              "global", "na", "latam", "hq", "sales", "staff"]

# Latin letters with diacritics folded for domains and "ascii" typing.
FOLD = str.maketrans({
    "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "é": "e", "è": "e", "ê": "e",
    "É": "E", "à": "a", "â": "a", "ç": "c", "Ç": "C", "ô": "o", "î": "i", "ï": "i", "û": "u", "ù": "u",
    "ñ": "n", "á": "a", "í": "i", "ó": "o", "ú": "u", "ã": "a", "õ": "o", "å": "a", "Å": "A", "ø": "o",
    "æ": "ae", "ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "ą": "a", "ę": "e", "ł": "l", "Ł": "L",
    "ś": "s", "ź": "z", "ż": "z", "ć": "c", "ń": "n", "Ó": "O", "ë": "e", "č": "c", "š": "s", "ž": "z",
    "ř": "r", "ý": "y", "ě": "e", "ą": "a",
})
# Same letters, with "ä" written "a" (what a lead types without the key).
FOLD_BARE = str.maketrans({
    "ä": "a", "ö": "o", "ü": "u", "ß": "ss", "Ä": "A", "Ö": "O", "Ü": "U", "é": "e", "è": "e", "ê": "e",
    "É": "E", "à": "a", "â": "a", "ç": "c", "Ç": "C", "ô": "o", "î": "i", "ï": "i", "û": "u", "ù": "u",
    "ñ": "n", "á": "a", "í": "i", "ó": "o", "ú": "u", "ã": "a", "õ": "o", "å": "a", "Å": "A", "ø": "o",
    "æ": "ae", "ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "ą": "a", "ę": "e", "ł": "l", "Ł": "L",
    "ś": "s", "ź": "z", "ż": "z", "ć": "c", "ń": "n", "Ó": "O", "ë": "e", "č": "c", "š": "s", "ž": "z",
    "ř": "r", "ý": "y", "ě": "e",
})

KEYBOARD_NEIGHBOURS = {
    "a": "qswz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc", "g": "ftyhbv",
    "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop", "m": "njk", "n": "bhjm",
    "o": "iklp", "p": "ol", "q": "wa", "r": "edft", "s": "awedxz", "t": "rfgy", "u": "yhji",
    "v": "cfgb", "w": "qase", "x": "zsdc", "y": "tghu", "z": "asx",
}

# ---------------------------------------------------------------------------
# Helpers.
# ---------------------------------------------------------------------------


class Bloom:
    """Remembers domains handed out, in a few bytes each (false positives only cost a renamed domain)."""

    def __init__(self, n):
        bits = 1 << 23
        while bits < 12 * n:
            bits <<= 1
        self.mask = bits - 1
        self.bits = bytearray(bits >> 3)

    def add(self, text):
        """Adds text; returns True when it (probably) was there already."""
        h = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest(), "little")
        bits, mask, seen = self.bits, self.mask, True
        for _ in range(4):
            i = h & mask
            h >>= 32
            b = 1 << (i & 7)
            if not bits[i >> 3] & b:
                seen = False
                bits[i >> 3] |= b
        return seen


class Weighted:
    """Weighted choice with one random() call and a bisect."""

    __slots__ = ("items", "cum")

    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        total = float(sum(p[1] for p in pairs))
        acc, self.cum = 0.0, []
        for p in pairs:
            acc += p[1] / total
            self.cum.append(acc)
        self.cum[-1] = 1.0

    def pick(self, rnd):
        return self.items[bisect.bisect_right(self.cum, rnd.random())] if len(self.items) > 1 else self.items[0]


COUNTRY_PICK = Weighted([(c, c[1]) for c in COUNTRIES])
TLD_PICK = {c[0]: Weighted(c[4]) for c in COUNTRIES}
LEGAL_PICK = {c[0]: Weighted(c[6]) for c in COUNTRIES}
FREEMAIL_PICK = Weighted(FREEMAIL)
KIND_PICK = Weighted([("company", 86), ("edu", 9), ("org", 5)])


def fold(s):
    return s.translate(FOLD)


def label_of(s):
    """A domain label from display text: folded, lowercase, letters and digits only."""
    return "".join(ch for ch in fold(s).lower() if ch.isascii() and ch.isalnum())


def postal_code(rnd, cc):
    r = rnd.randrange
    if cc in ("US", "DE", "FR", "IT", "ES", "MX", "FI", "TR", "MY", "TH", "ID", "KR", "UA"):
        return "%05d" % r(1000, 99999)
    if cc == "JP":
        return "%03d-%04d" % (r(100, 999), r(10000) % 10000)
    if cc in ("CN", "IN", "SG", "RU", "VN"):
        return "%06d" % r(100000, 999999)
    if cc == "CA":
        L = "ABCEGHJKLMNPRSTVXY"
        return "%s%d%s %d%s%d" % (L[r(18)], r(10), L[r(18)], r(10), L[r(18)], r(10))
    if cc == "GB":
        L = "ABCDEFGHJKLMNPRSTUWYZ"
        return "%s%s%d %d%s%s" % (L[r(21)], L[r(21)], r(1, 20), r(10), L[r(21)], L[r(21)])
    if cc in ("AU", "CH", "AT", "BE", "DK", "NO", "NZ", "ZA", "PH", "BG"):
        return "%04d" % r(1000, 9999)
    if cc == "BR":
        return "%05d-%03d" % (r(10000, 99999), r(1000))
    if cc == "NL":
        return "%04d %s%s" % (r(1000, 9999), "ABCDEFGHJKLMNPRSTVWXZ"[r(21)], "ABCDEFGHJKLMNPRSTVWXZ"[r(21)])
    if cc == "PL":
        return "%02d-%03d" % (r(100), r(1000))
    if cc == "SE":
        return "%03d %02d" % (r(100, 999), r(100))
    return ""


def website_of(rnd, domain):
    x = rnd.random()
    if x < 0.55:
        return "http://www." + domain
    if x < 0.70:
        return "https://www." + domain + "/"
    if x < 0.80:
        return "http://" + domain
    if x < 0.87:
        return "https://" + domain
    if x < 0.92:
        return "www." + domain
    if x < 0.95:
        return "http://www." + domain + "/en/"
    return ""


# ---------------------------------------------------------------------------
# Accounts.
# ---------------------------------------------------------------------------


class Account:
    """One generated company: what the CSV row holds, plus name parts for leads."""

    __slots__ = ("aid", "name", "pre", "core", "legal", "sep", "native", "nat_core", "aliases", "domains",
                 "website", "cc", "country", "region", "city", "postal", "industry", "kind", "brand",
                 "latin_name")

    def row(self):
        return (self.aid, self.name, "|".join(self.aliases), self.website, "|".join(self.domains), self.country,
                self.region, self.city, self.postal, self.industry)


def compose(pre, core, legal, sep):
    s = core
    if pre:
        s = pre + " " + s
    if legal:
        s = s + sep + legal
    return s


class AccountMaker:
    def __init__(self, rnd, n):
        self.rnd = rnd
        self.seen = Bloom(n)
        self.spaces = make_spaces()
        size = len(WORDS_A) * len(WORDS_B) * len(INDUSTRIES)
        mult = 7919 * 131
        while math.gcd(mult, size) != 1:
            mult += 2
        self.words = [size, mult, 0]
        self.prev = None

    def _word_name(self):
        size, mult, n = self.words
        if n >= size:
            return None
        self.words[2] = n + 1
        v = (n * mult + 4242) % size
        ind = INDUSTRIES[v % len(INDUSTRIES)]
        v //= len(INDUSTRIES)
        b = WORDS_B[v % len(WORDS_B)]
        a = WORDS_A[v // len(WORDS_B)]
        return a, b, ind

    def make(self, aid, holdout=False):
        rnd = self.rnd
        ctry = COUNTRY_PICK.pick(rnd)
        cc, _, cnames, style = ctry[0], ctry[1], ctry[2], ctry[3]
        a = Account()
        a.aid = aid
        a.cc = cc
        a.kind = KIND_PICK.pick(rnd)
        a.pre = ""
        a.legal = ""
        a.sep = " "
        a.native = None
        a.nat_core = None
        a.aliases = []
        city, region = ctry[7][rnd.randrange(len(ctry[7]))]
        x = rnd.random()
        a.city = city if x < 0.72 else ""
        a.region = region if rnd.random() < 0.28 else ""
        a.postal = postal_code(rnd, cc) if rnd.random() < 0.55 else ""
        x = rnd.random()
        a.country = cnames[0] if x < 0.85 else (cc if x < 0.95 else cnames[rnd.randrange(len(cnames))])
        prev = self.prev
        # A subsidiary sharing its parent's domain.
        if (not holdout and prev is not None and prev.kind == "company" and a.kind == "company"
                and rnd.random() < 0.002):
            self._subsidiary(a, prev, ctry)
        elif a.kind == "company":
            self._company(a, ctry, style)
        elif a.kind == "edu":
            self._university(a, ctry, style)
        else:
            self._org(a, ctry, style)
        a.website = website_of(rnd, a.domains[0])
        if not holdout:
            self.prev = a
        return a

    def _domain(self, label, ctry, edu=False):
        rnd = self.rnd
        tld = ctry[5][rnd.randrange(len(ctry[5]))] if edu else TLD_PICK[ctry[0]].pick(rnd)
        return label + "." + tld

    def _company(self, a, ctry, style):
        rnd = self.rnd
        cc = ctry[0]
        legal_group = LEGAL_PICK[cc].pick(rnd)
        legal = LEGAL[legal_group][0] if legal_group else ""
        if legal_group and rnd.random() < 0.3:
            forms = LEGAL[legal_group]
            legal = forms[rnd.randrange(len(forms))]
        words = None
        if style in ("en", "de", "fr", "es", "pt", "it", "nord", "in") and rnd.random() < 0.22:
            words = self._word_name()
        if words:
            wa, wb, ind = words
            core = wa + " " + wb + " " + ind[0]
            a.brand = wa + " " + wb
            label = label_of(wa + wb + ind[1])
            a.industry = ind[2]
        else:
            latin, native = self.spaces[style].take(rnd)
            a.brand = latin
            if style == "cn":
                self._chinese(a, ctry, latin, native, legal_group)
                return
            if style == "jp" and rnd.random() < 0.35:
                ind = JP_INDUSTRY[rnd.randrange(len(JP_INDUSTRY))]
                core = latin + " " + ind[0]
                a.industry = "Industrial Machinery"
                nat_core = native + ind[1]
            else:
                ind = INDUSTRIES[rnd.randrange(len(INDUSTRIES))]
                a.industry = ind[2]
                x = rnd.random()
                if x < 0.25:
                    core = latin
                elif x < 0.85:
                    core = latin + " " + ind[0]
                else:
                    core = latin + " " + ind[0] + (" Holdings" if rnd.random() < 0.5 else " Group")
                nat_core = native
            if rnd.random() < 0.12:
                local = PREFIXES_BY_COUNTRY.get(cc)
                if local and rnd.random() < 0.5:
                    p = local[rnd.randrange(len(local))]
                else:
                    p = PREFIXES[rnd.randrange(len(PREFIXES))]
                core = p + " " + core
            x = rnd.random()
            lat = label_of(latin)
            if x < 0.62:
                label = lat
            elif x < 0.76:
                label = lat + ind[1] if style != "jp" else lat
            elif x < 0.82:
                label = lat + "-" + ind[1] if style != "jp" else lat + "-" + cc.lower()
            elif x < 0.88:
                label = lat + "group"
            elif x < 0.94:
                label = lat + ("inc" if cc in ("US", "CA") else "corp")
            else:
                label = lat + "-" + label_of(core.split()[-1]) if len(core.split()) > 1 else lat + "co"
            if native is not None and style in NATIVE_SHARE and rnd.random() < NATIVE_SHARE[style]:
                self._native_company(a, style, nat_core, native, legal_group, core)
        if style == "id" and legal_group == "tbk":
            a.pre = "PT"
        elif style == "tr" and rnd.random() < 0.5:
            core = core + " Sanayi ve Ticaret"
        a.core = core
        a.legal = legal
        a.sep = ", " if legal in ("Inc.", "Ltd.", "Inc", "LLC") and rnd.random() < 0.25 else " "
        if rnd.random() < 0.01:
            a.core = "The " + core
        a.latin_name = compose(a.pre, a.core, a.legal, a.sep)
        if a.native is None:
            a.name = a.latin_name.upper() if rnd.random() < 0.02 else a.latin_name
        else:
            a.name = a.native
            a.aliases.append(a.latin_name)
        self._domains(a, label, ctry)
        if a.native is None and rnd.random() < 0.03:
            # A short name the company also goes by.
            a.aliases.append(a.brand)

    def _unique(self, label, d):
        """d, or a variant of it when another company has it already."""
        k = 0
        while self.seen.add(d):
            k += 1
            tld = d.split(".", 1)[1]
            d = label + ("-" + SUFFIXES[k - 1] if k <= len(SUFFIXES) else str(k)) + "." + tld
        return d

    def _domains(self, a, label, ctry, edu=False, org=False):
        rnd = self.rnd
        d = label + ".org" if org else self._domain(label, ctry, edu)
        if (not edu and ctry[3] in ("de", "nord", "tr", "fr", "es", "pl") and fold(a.brand) != a.brand
                and rnd.random() < 0.15):
            # An internationalized domain, kept in Unicode.
            u = "".join(ch for ch in a.brand.lower() if ch.isalnum())
            d = u + "." + d.split(".", 1)[1]
        a.domains = [self._unique(label, d)]
        if rnd.random() < 0.007:
            second = label + "." + ("com" if not d.endswith(".com") else TLD_PICK[ctry[0]].pick(rnd))
            if second != d:
                a.domains.append(self._unique(label, second))
            if rnd.random() < 0.1:
                a.domains.append(self._unique(label, label + "-" + ctry[0].lower() + ".com"))

    def _native_company(self, a, style, nat_core, native, legal_group, core):
        rnd = self.rnd
        if style == "jp":
            nat = ("株式会社" + nat_core) if rnd.random() < 0.5 else (nat_core + "株式会社")
        elif style == "kr":
            ind = KR_INDUSTRY[rnd.randrange(len(KR_INDUSTRY))]
            x = rnd.random()
            body = native + ind[1]
            nat = ("주식회사 " + body) if x < 0.4 else (("(주)" + body) if x < 0.7 else body + " 주식회사")
        elif style == "ru":
            ind = RU_INDUSTRY[rnd.randrange(len(RU_INDUSTRY))]
            body = native + ind[1]
            body = body[0].upper() + body[1:]
            lf = RU_LEGAL.get(legal_group, "АО")
            nat = lf + " «" + body + "»" if rnd.random() < 0.7 else lf + ' "' + body + '"'
        elif style == "gr":
            body = native[0].upper() + native[1:]
            nat = body + " Α.Ε." if rnd.random() < 0.7 else body + " ΑΕ"
        else:  # ar
            kind = AR_KIND[rnd.randrange(len(AR_KIND))]
            nat = "شركة " + native + " " + kind[1]
        a.native = nat
        a.nat_core = nat_core

    def _chinese(self, a, ctry, latin, native, legal_group):
        rnd = self.rnd
        ind = CN_INDUSTRY[rnd.randrange(len(CN_INDUSTRY))]
        a.industry = ind[0] if ind[0] in ("Real Estate", "Media", "Logistics") else "Industrial Conglomerates"
        place = None
        if ctry[0] == "CN" and rnd.random() < 0.6:
            place = CN_PLACES[rnd.randrange(len(CN_PLACES))]
        elif rnd.random() < 0.15:
            place = ("China", "中国") if ctry[0] != "TW" else ("Taiwan", "台湾")
        core = (place[0] + " " if place else "") + latin + " " + ind[0]
        if rnd.random() < 0.15:
            core += " Group"
        legal = LEGAL[legal_group][0] if legal_group else ""
        if legal_group and rnd.random() < 0.3:
            legal = LEGAL[legal_group][rnd.randrange(len(LEGAL[legal_group]))]
        if legal.startswith("Holdings") and ("Holdings" in core or "Group" in core):
            legal = "Limited"
        a.core = core
        a.legal = legal
        a.latin_name = compose("", core, legal, " ")
        a.sep = " "
        lat = label_of(latin)
        x = rnd.random()
        if x < 0.5:
            label = lat
        elif x < 0.7:
            label = lat + label_of(ind[0])[:4]
        elif x < 0.8:
            label = lat + "group"
        elif x < 0.9:
            label = (label_of(place[0])[:2] if place else "cn") + lat
        else:
            label = lat + "-" + ("tech" if "Tech" in ind[0] else "corp")
        if rnd.random() < NATIVE_SHARE["cn"]:
            nat_place = (place[1] + ("市" if rnd.random() < 0.5 and len(place[1]) == 2 else "")) if place else ""
            suffix = "股份有限公司" if rnd.random() < 0.4 else "有限公司"
            a.native = nat_place + native + ind[1] + suffix
            a.nat_core = nat_place + native + ind[1]
            a.name = a.native
            a.aliases.append(a.latin_name)
        else:
            a.name = a.latin_name
        self._domains(a, label, ctry)

    def _university(self, a, ctry, style):
        rnd = self.rnd
        latin, native = self.spaces[style].take(rnd)
        a.brand = latin
        a.industry = "Education"
        temps = UNI_TEMPLATES[style]
        ti = rnd.randrange(len(temps))
        field = UNI_FIELDS[rnd.randrange(len(UNI_FIELDS))]
        name = temps[ti].format(P=latin, F=field, FD=FIELDS_DE[rnd.randrange(len(FIELDS_DE))],
                                FF=FIELDS_FR[rnd.randrange(len(FIELDS_FR))])
        a.core = name
        a.latin_name = name
        lat = label_of(latin)
        x = rnd.random()
        if x < 0.55:
            label = lat
        elif x < 0.7:
            label = "u" + lat
        elif x < 0.8:
            label = lat + "-u" if style in ("jp", "kr") else lat + "univ"
        elif x < 0.9:
            label = "uni-" + lat if style == "de" else lat + "u"
        else:
            label = lat + "college" if "College" in name else "my" + lat
        nat_t = UNI_NATIVE.get(style)
        if native is not None and nat_t and ti < len(nat_t) and nat_t[ti] and rnd.random() < 0.25:
            n = native if style != "ru" else native[0].upper() + native[1:]
            a.native = nat_t[ti].format(N=n)
            a.nat_core = a.native
            a.name = a.native
            a.aliases.append(name)
        else:
            a.name = name
        self._domains(a, label, ctry, edu=True)

    def _org(self, a, ctry, style):
        rnd = self.rnd
        latin, native = self.spaces[style].take(rnd)
        a.brand = latin
        t = ORG_TEMPLATES[rnd.randrange(len(ORG_TEMPLATES))]
        a.industry = "Banks" if "Bank" in t or "Credit" in t else (
            "Health Care Providers" if "Hospital" in t or "Medical" in t or "Health" in t else "Public Sector")
        a.core = t.format(P=latin)
        a.latin_name = a.core
        a.name = a.core
        lat = label_of(latin)
        words = t.replace("{P}", "").split()
        label = lat + label_of(words[0] if words[0] not in ("of",) else words[-1])[:8]
        self._domains(a, label, ctry, org=rnd.random() < 0.5)

    def _subsidiary(self, a, prev, ctry):
        rnd = self.rnd
        ind = INDUSTRIES[rnd.randrange(len(INDUSTRIES))]
        a.brand = prev.brand
        a.industry = ind[2]
        a.core = prev.brand + " " + ind[0] + (" " + ctry[2][0] if rnd.random() < 0.5 else "")
        lg = LEGAL_PICK[ctry[0]].pick(rnd)
        a.legal = LEGAL[lg][0] if lg else ""
        a.latin_name = compose("", a.core, a.legal, " ")
        if a.latin_name == prev.latin_name:
            a.core += " Services"
            a.latin_name = compose("", a.core, a.legal, " ")
        a.name = a.latin_name
        a.domains = [prev.domains[0]]


# ---------------------------------------------------------------------------
# Leads.
# ---------------------------------------------------------------------------

RECIPES = Weighted([
    ("domain_exact", 20.1), ("freemail_name", 18.2), ("name_only", 17.0), ("website", 10.2),
    ("neg_holdout_name", 6.0), ("domain_sub", 5.0), ("neg_holdout_domain", 5.0), ("email_and_website", 4.9),
    ("domain_and_name", 4.8), ("neg_freemail_only", 3.8), ("account_person", 2.0), ("anonymous", 1.9),
    ("neg_disposable", 1.1),
])
NEEDS_ACCOUNT = {"domain_exact", "freemail_name", "name_only", "website", "domain_sub", "email_and_website",
                 "domain_and_name", "account_person"}
NEEDS_HOLDOUT = {"neg_holdout_name", "neg_holdout_domain"}
NAME_OPS = Weighted([("asis", 13), ("nolegal", 20), ("alt", 10), ("punct", 10), ("case", 10), ("legalswap", 10),
                     ("typo", 12), ("dropword", 8), ("typo+case", 4), ("nolegal+case", 3)])
# Share of leads of a recipe that carry a company name at all.
NAME_SHARE = {"domain_exact": 0.6, "domain_sub": 0.5, "website": 0.5, "neg_holdout_domain": 0.45,
              "email_and_website": 1.0, "domain_and_name": 1.0, "freemail_name": 1.0, "name_only": 1.0,
              "neg_holdout_name": 1.0, "account_person": 1.0}

ABBREVIATIONS = [("International", "Intl"), ("University", "Univ."), ("Technology", "Tech"),
                 ("Technologies", "Tech"), ("Corporation", "Corp"), ("Company", "Co"), ("Holdings", "Hldgs"),
                 ("Industries", "Inds"), ("Pharmaceuticals", "Pharma"), ("Communications", "Comms"),
                 ("Engineering", "Eng."), ("Development", "Dev."), ("Institute", "Inst."), ("National", "Nat'l"),
                 ("Saint", "St."), (" and ", " & "), (" & ", " and ")]


def typo(rnd, s):
    idx = [i for i, ch in enumerate(s) if ch.isalpha()]
    if len(idx) < 4:
        return s
    i = idx[rnd.randrange(1, len(idx))]
    ch = s[i]
    x = rnd.random()
    if x < 0.4:
        nb = KEYBOARD_NEIGHBOURS.get(ch.lower())
        rep = nb[rnd.randrange(len(nb))] if nb else "e"
        if ch.isupper():
            rep = rep.upper()
        return s[:i] + rep + s[i + 1:]
    if x < 0.6:
        return s[:i] + s[i + 1:]
    if x < 0.8 and i + 1 < len(s) and s[i + 1].isalpha():
        return s[:i] + s[i + 1] + ch + s[i + 2:]
    return s[:i] + ch + s[i:]


def change_case(rnd, s):
    x = rnd.random()
    if x < 0.45:
        return s.lower()
    if x < 0.8:
        return s.upper()
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split(" "))


def punct(rnd, s):
    x = rnd.random()
    if x < 0.5:
        t = s.replace(".", "").replace(",", "").replace("'", "")
    elif x < 0.7:
        t = s.replace(" & ", " and ") if " & " in s else s.replace("-", " ").replace(".", "")
    elif x < 0.85:
        t = s.replace(", ", " ").replace(" (", " ").replace(")", "")
    else:
        t = s.translate(FOLD_BARE)
    if t == s:
        t = s.translate(FOLD_BARE).replace(".", "")
    return t


def swap_legal(rnd, a):
    if a.legal:
        g = LEGAL_GROUP_OF.get(a.legal)
        forms = [f for f in LEGAL.get(g, []) if f != a.legal]
        if forms and rnd.random() < 0.85:
            return compose(a.pre, a.core, forms[rnd.randrange(len(forms))], " ")
        return compose(a.pre, a.core, LEGAL_ANY[rnd.randrange(len(LEGAL_ANY))], " ")
    return a.latin_name + " " + LEGAL_ANY[rnd.randrange(len(LEGAL_ANY))]


def drop_word(rnd, a):
    words = a.core.split(" ")
    if len(words) < 2:
        return compose(a.pre, a.core, "", " ")
    # Drop a word other than the brand, usually the industry or a shared prefix.
    cands = [i for i, w in enumerate(words) if w not in a.brand.split(" ")]
    if not cands:
        cands = list(range(1, len(words)))
    i = cands[rnd.randrange(len(cands))]
    del words[i]
    return compose(a.pre, " ".join(words), a.legal if rnd.random() < 0.5 else "", " ")


def alt_name(rnd, a):
    if a.aliases and rnd.random() < 0.8:
        return a.aliases[rnd.randrange(len(a.aliases))]
    if a.native is not None:
        return a.native if rnd.random() < 0.5 else a.latin_name
    s = a.latin_name
    for long, short in ABBREVIATIONS:
        if long in s:
            return s.replace(long, short, 1)
    x = rnd.random()
    if x < 0.3 and not s.startswith("The "):
        return "The " + s
    if x < 0.6:
        return compose(a.pre, a.core, "", " ") + " Group"
    return s


def name_as_typed(rnd, a, op):
    """The company name a lead types for account a with the given operation."""
    if a.native is not None and op not in ("alt", "asis", "nolegal", "punct"):
        # Scripts without case or Latin typos: typed as it is, or in English.
        if rnd.random() < 0.5:
            return a.name
        return name_as_typed(rnd, _latin_view(a), op)
    parts = op.split("+")
    s = None
    for p in parts:
        if p == "asis":
            s = a.name
        elif p == "nolegal":
            if a.native is not None and a.nat_core:
                s = a.nat_core
            else:
                s = a.core
                if a.pre and rnd.random() < 0.5:
                    s = a.pre + " " + s
        elif p == "alt":
            s = alt_name(rnd, a)
        elif p == "punct":
            s = punct(rnd, a.name)
        elif p == "case":
            s = change_case(rnd, s if s is not None else a.name)
        elif p == "legalswap":
            s = swap_legal(rnd, a)
        elif p == "typo":
            s = typo(rnd, a.name if s is None else s)
            if rnd.random() < 0.08:
                s = typo(rnd, s)
        elif p == "dropword":
            s = drop_word(rnd, a)
    return s


class _LatinView:
    __slots__ = Account.__slots__


def _latin_view(a):
    v = _LatinView()
    for k in Account.__slots__:
        setattr(v, k, getattr(a, k))
    v.name = a.latin_name
    v.native = None
    v.aliases = [x for x in a.aliases if x != a.latin_name]
    return v


def local_part(rnd, first, last):
    f = label_of(first) or "info"
    l = label_of(last) or "x"
    x = rnd.random()
    if x < 0.3:
        return f + "." + l
    if x < 0.45:
        return l + "." + f
    if x < 0.6:
        return f + "_" + l
    if x < 0.72:
        return f[0] + l
    if x < 0.82:
        return f + l[0]
    if x < 0.92:
        return f
    return f + "." + l + str(rnd.randrange(1, 99))


def email_domain_form(rnd, d):
    """An account domain as a lead writes it (IDN domains: Unicode or punycode)."""
    if not d.isascii() and rnd.random() < 0.5:
        label, rest = d.split(".", 1)
        return label.encode("idna").decode("ascii") + "." + rest
    return d


def lead_website(rnd, d):
    x = rnd.random()
    if x < 0.2:
        return d
    if x < 0.35:
        return "www." + d
    if x < 0.5:
        return "http://www." + d
    if x < 0.65:
        return "https://www." + d + "/"
    if x < 0.75:
        return "https://" + d + "/about-us"
    if x < 0.8:
        return "http://" + d
    if x < 0.85:
        return "WWW." + d.upper()
    if x < 0.9:
        return "https://www." + d + "/en/contact?utm_source=linkedin"
    if x < 0.94:
        return "https://" + SUBDOMAINS[rnd.randrange(len(SUBDOMAINS))] + "." + d + "/"
    if x < 0.97:
        return d + "/"
    return "http://www." + d + ":80/index.html"


def lead_country(rnd, a):
    x = rnd.random()
    if x < 0.45:
        return "", "", ""
    ctry = COUNTRY_BY_CODE[a.cc] if rnd.random() < 0.8 else COUNTRIES[rnd.randrange(len(COUNTRIES))]
    y = rnd.random()
    country = ctry[0] if y < 0.45 else (ctry[2][0] if y < 0.9 else ctry[2][rnd.randrange(len(ctry[2]))])
    same = ctry[0] == a.cc
    city = a.city if same and a.city and rnd.random() < 0.4 else ""
    if city and rnd.random() < 0.1:
        city = city.upper()
    region = a.region if same and a.region and rnd.random() < 0.3 else ""
    return country, region, city


def phone_of(rnd, cc):
    ctry = COUNTRY_BY_CODE.get(cc)
    code = ctry[8] if ctry else "1"
    x = rnd.random()
    n = "%d%07d" % (rnd.randrange(2, 99), rnd.randrange(10000000))
    if x < 0.5:
        return "+%s %s %s" % (code, n[:3], n[3:])
    if x < 0.8:
        return "+%s-%s-%s-%s" % (code, n[:2], n[2:5], n[5:])
    return "(%s) %s" % (n[:3], n[3:])


class LeadMaker:
    def __init__(self, rnd):
        self.rnd = rnd

    def person(self, pid, recipe, a, holdout):
        rnd = self.rnd
        first = FIRST_NAMES[rnd.randrange(len(FIRST_NAMES))]
        last = LAST_NAMES[rnd.randrange(len(LAST_NAMES))]
        title = TITLES[rnd.randrange(len(TITLES))]
        email = company = website = country = region = city = phone = account_ids = ""
        op = ""
        truth = ""
        expect = ""
        target = a if a is not None else holdout
        if target is not None:
            country, region, city = lead_country(rnd, target)
            if rnd.random() < 0.1:
                phone = phone_of(rnd, target.cc)
            if rnd.random() < NAME_SHARE.get(recipe, 0.0):
                op = NAME_OPS.pick(rnd)
                company = name_as_typed(rnd, target, op)
        if a is not None:
            truth = a.aid
            d = a.domains[rnd.randrange(len(a.domains))]
            local = local_part(rnd, first, last)
            if recipe in ("domain_exact", "email_and_website", "domain_and_name", "account_person"):
                email = local + "@" + email_domain_form(rnd, d)
            elif recipe == "domain_sub":
                email = local + "@" + SUBDOMAINS[rnd.randrange(len(SUBDOMAINS))] + "." + email_domain_form(rnd, d)
            elif recipe == "freemail_name":
                email = local + "@" + FREEMAIL_PICK.pick(rnd)
            if recipe in ("website", "email_and_website"):
                website = lead_website(rnd, email_domain_form(rnd, d))
            if recipe == "account_person":
                account_ids = a.aid
                if rnd.random() < 0.1:
                    account_ids += "|A%08d" % rnd.randrange(1, 99999999)
                truth = ""
                expect = "skipped"
                op = ""
                company = a.name if rnd.random() < 0.8 else company
        elif holdout is not None:
            local = local_part(rnd, first, last)
            if recipe == "neg_holdout_domain":
                email = local + "@" + holdout.domains[0]
            elif rnd.random() < 0.5:
                email = local + "@" + FREEMAIL_PICK.pick(rnd)
        elif recipe == "neg_freemail_only":
            email = local_part(rnd, first, last) + "@" + FREEMAIL_PICK.pick(rnd)
            if rnd.random() < 0.3:
                country = COUNTRIES[rnd.randrange(len(COUNTRIES))][2][0]
        elif recipe == "neg_disposable":
            email = local_part(rnd, first, last) + "@" + DISPOSABLE[rnd.randrange(len(DISPOSABLE))]
        elif recipe == "anonymous":
            expect = "anonymous"
            if rnd.random() < 0.3:
                phone = phone_of(rnd, "US")
            if rnd.random() < 0.3:
                country = COUNTRIES[rnd.randrange(len(COUNTRIES))][0]
        if company is None:
            company = ""
        row = (pid, first, last, email, company, website, title, phone, country, region, city, account_ids)
        return row, (pid, truth, recipe, op if company else "", expect)


# ---------------------------------------------------------------------------
# Driver.
# ---------------------------------------------------------------------------

ACCOUNT_HEADER = ("account_id", "name", "aliases", "website", "domains", "country", "region", "city",
                  "postal_code", "industry")
PERSON_HEADER = ("person_id", "first_name", "last_name", "email", "company_name", "company_website", "title",
                 "phone", "country", "region", "city", "account_ids")
TRUTH_HEADER = ("person_id", "account_id", "recipe", "name_op", "expect")


def writer(f):
    return csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def generate(n_accounts, n_persons, seed, out, quiet=False):
    os.makedirs(out, exist_ok=True)
    t0 = time.time()
    # Independent streams: accounts depend only on (seed, n_accounts).
    r_acc = random.Random("accounts/%d" % seed)
    r_plan = random.Random("plan/%d" % seed)
    r_lead = random.Random("leads/%d" % seed)
    r_hold = random.Random("holdouts/%d" % seed)

    # 1. Plan the leads: a recipe each, and the account it is written around.
    plan = []
    wanted = set()
    n_holdouts = 0
    for _ in range(n_persons):
        recipe = RECIPES.pick(r_plan)
        target = -1
        if recipe in NEEDS_ACCOUNT:
            target = r_plan.randrange(n_accounts)
            wanted.add(target)
        elif recipe in NEEDS_HOLDOUT:
            target = n_holdouts
            n_holdouts += 1
        plan.append((recipe, target))

    # 2. Stream the accounts, keeping only those leads are written around.
    maker = AccountMaker(r_acc, n_accounts)
    kept = {}
    tmp = os.path.join(out, "accounts.csv.tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        w = writer(f)
        w.writerow(ACCOUNT_HEADER)
        rows = []
        for i in range(n_accounts):
            a = maker.make("A%08d" % (i + 1))
            rows.append(a.row())
            if i in wanted:
                kept[i] = a
            if len(rows) == 4096:
                w.writerows(rows)
                rows.clear()
                if not quiet and (i + 1) % 500000 < 4096:
                    sys.stderr.write("generate: %d accounts, %.0f s\n" % (i + 1, time.time() - t0))
        w.writerows(rows)
    os.replace(tmp, os.path.join(out, "accounts.csv"))

    # 3. Companies that are not accounts: same maker (fresh tokens), own stream.
    maker.rnd = r_hold
    holdouts = [maker.make("H%08d" % (j + 1), holdout=True) for j in range(n_holdouts)]

    # 4. The leads and their truth.
    lm = LeadMaker(r_lead)
    ptmp = os.path.join(out, "persons.csv.tmp")
    ttmp = os.path.join(out, "truth.csv.tmp")
    with open(ptmp, "w", encoding="utf-8", newline="") as pf, \
            open(ttmp, "w", encoding="utf-8", newline="") as tf:
        pw, tw = writer(pf), writer(tf)
        pw.writerow(PERSON_HEADER)
        tw.writerow(TRUTH_HEADER)
        for k, (recipe, target) in enumerate(plan):
            a = kept[target] if recipe in NEEDS_ACCOUNT else None
            h = holdouts[target] if recipe in NEEDS_HOLDOUT else None
            prow, trow = lm.person("P%09d" % (k + 1), recipe, a, h)
            pw.writerow(prow)
            tw.writerow(trow)
    os.replace(ptmp, os.path.join(out, "persons.csv"))
    os.replace(ttmp, os.path.join(out, "truth.csv"))
    if not quiet:
        sys.stderr.write("generate: %d accounts, %d persons in %s (%.1f s)\n"
                         % (n_accounts, n_persons, out, time.time() - t0))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate synthetic accounts, persons and truth for benchmarks.")
    ap.add_argument("--accounts", type=int, default=20000, help="number of accounts (default 20000)")
    ap.add_argument("--persons", type=int, default=5000, help="number of persons (default 5000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)
    if args.accounts < 1 or args.persons < 0:
        ap.error("--accounts must be at least 1 and --persons at least 0")
    generate(args.accounts, args.persons, args.seed, args.out, args.quiet)


if __name__ == "__main__":
    main()
