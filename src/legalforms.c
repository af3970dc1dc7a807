/* SPDX-License-Identifier: MIT */
#include "legalforms.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/*
 * Keyed forms are normalized keys: lowercase ASCII, dotted initials joined
 * ("S.A." is "sa", "A/S" is "as"), "&" written "and", diacritics gone
 * ("Ltée" is "ltee"). Generic words that are part of many real names
 * (group, holdings, international, bank) are deliberately absent.
 *
 * Each table also lists the PARTs of its multi-token forms that a search
 * meets on its way to the whole form (for suffix forms, the tails: "de cv"
 * of "sa de cv"; for prefix forms, the heads), so that a search growing
 * from the edge of a name one token at a time stops as soon as nothing in
 * the table can match; most names cost one look-up. Tables are in strcmp
 * order for binary search; a unit test checks the order and the parts.
 */
typedef struct keyed_form {
    const char *text;
    size_t len;
    bool whole; /* false: only part of longer forms */
} keyed_form;

#define FORM(s) {s, sizeof(s) - 1, true}
#define PART(s) {s, sizeof(s) - 1, false}

static const keyed_form suffix_forms[] = {
    PART("a responsabilita limitata"), PART("a responsabilite limitee"), FORM("ab"),
    FORM("ab publ"), FORM("abp"), PART("actions simplifiee"), FORM("ad"), FORM("ae"),
    FORM("aebe"), FORM("ag"), FORM("ag and co kg"), FORM("ag and co kgaa"), PART("akcyjna"),
    FORM("aksjeselskap"), FORM("aktiebolag"), FORM("aktiebolaget"), PART("aktien"),
    FORM("aktiengesellschaft"), FORM("aktieselskab"), FORM("allmennaksjeselskap"), FORM("amba"),
    FORM("and cie"), FORM("and co"), FORM("and co kg"), FORM("and co kgaa"), FORM("and co ohg"),
    FORM("and company"), FORM("anonim ortakligi"), FORM("anonim sirketi"), PART("anonima"),
    PART("anonyme"), FORM("anpartsselskab"), FORM("ao"), FORM("aps"), FORM("as"), FORM("asa"),
    PART("auf aktien"), PART("azioni"), FORM("berhad"), PART("beschrankter haftung"),
    FORM("besloten vennootschap"), FORM("bhd"), FORM("bsc"), FORM("bv"), FORM("bvba"),
    FORM("chusik hoesa"), FORM("cic"), FORM("cie"), FORM("cjsc"),
    FORM("closed joint stock company"), FORM("co"), FORM("co inc"), FORM("co kg"),
    FORM("co kgaa"), FORM("co limited"), FORM("co llc"), FORM("co ltd"), PART("co ohg"),
    FORM("company"), FORM("company inc"), FORM("company limited"), FORM("company ltd"),
    FORM("corp"), FORM("corp ltd"), FORM("corporation"), FORM("corporation limited"),
    FORM("corporation ltd"), FORM("cv"), FORM("cvba"), FORM("dd"), PART("de cv"), PART("de rl"),
    PART("de rl de cv"), FORM("doo"), FORM("ead"), FORM("eg"), FORM("ehf"), FORM("eireli"),
    FORM("eirl"), FORM("eood"), FORM("epe"), FORM("et cie"), FORM("eurl"), FORM("ev"),
    FORM("fz llc"), FORM("fzco"), FORM("fze"), PART("gaisha"), FORM("gbr"),
    FORM("gesellschaft mbh"), FORM("gesellschaft mit beschrankter haftung"), FORM("ggmbh"),
    FORM("gmbh"), FORM("gmbh and co kg"), FORM("gmbh and co kgaa"), FORM("gmbh and co ohg"),
    FORM("gmbh co kg"), FORM("gmbh co kgaa"), FORM("gmbh u co kg"), FORM("gmbh und co kg"),
    FORM("godo kaisha"), PART("gongsi"), FORM("gufen youxian gongsi"), PART("haftung"),
    PART("haftungsbeschrankt"), FORM("hf"), PART("hoesa"), FORM("inc"), FORM("incorporated"),
    PART("j"), FORM("joint stock company"), FORM("jsc"), FORM("julkinen osakeyhtio"),
    FORM("jusik hoesa"), FORM("jusikhoesa"), PART("k"), FORM("kabushiki gaisha"),
    FORM("kabushiki kaisha"), FORM("kabushikigaisha"), PART("kaisha"), FORM("kft"), FORM("kg"),
    FORM("kgaa"), FORM("kk"), FORM("kommanditgesellschaft"),
    FORM("kommanditgesellschaft auf aktien"), FORM("ksc"), FORM("kscc"), FORM("kscp"),
    FORM("lda"), PART("liability company"), PART("liability partnership"), PART("limitada"),
    PART("limitata"), FORM("limited"), PART("limited co"), FORM("limited company"),
    FORM("limited liability company"), FORM("limited liability partnership"),
    FORM("limited partnership"), FORM("limited sirketi"), FORM("limitee"), FORM("llc"),
    FORM("lllp"), FORM("llp"), FORM("lp"), FORM("ltd"), FORM("ltd co"), FORM("ltd sti"),
    FORM("ltda"), FORM("ltee"), PART("mbh"), PART("mit beschrankter haftung"), FORM("na"),
    FORM("naamloze vennootschap"), FORM("nl"), FORM("nv"), FORM("nyrt"), FORM("oao"),
    FORM("ohg"), FORM("ojsc"), PART("oo"), FORM("ood"), FORM("ooo"),
    FORM("open joint stock company"), PART("ortakligi"), FORM("osakeyhtio"), FORM("oy"),
    FORM("oyj"), FORM("pao"), PART("par actions simplifiee"), PART("partnership"), FORM("pc"),
    FORM("pcl"), PART("per azioni"), FORM("persero"), FORM("pjsc"), FORM("plc"), FORM("pllc"),
    FORM("private limited"), FORM("private limited company"), FORM("private ltd"),
    FORM("proprietary limited"), FORM("psc"), FORM("pte"), FORM("pte ltd"), FORM("pty"),
    FORM("pty limited"), FORM("pty ltd"), FORM("publ"), FORM("public co limited"),
    FORM("public co ltd"), FORM("public company limited"), FORM("public company ltd"),
    FORM("public joint stock company"), FORM("public limited co"),
    FORM("public limited company"), FORM("pvt"), FORM("pvt ltd"), FORM("qpsc"), FORM("qsc"),
    PART("responsabilita limitata"), PART("responsabilite limitee"), PART("rl"),
    PART("rl de cv"), PART("ro"), FORM("s de rl"), FORM("s de rl de cv"), PART("s ro"),
    FORM("sa"), FORM("sa de cv"), FORM("saa"), FORM("sab"), FORM("sab de cv"), FORM("sac"),
    FORM("saci"), FORM("sae"), FORM("saic"), FORM("sal"), FORM("saoc"), FORM("saog"),
    FORM("sapa"), FORM("sapi de cv"), FORM("sarl"), FORM("sas"), FORM("sasu"), FORM("sau"),
    FORM("sca"), FORM("scarl"), FORM("scrl"), FORM("scs"), FORM("sdn bhd"), FORM("se"),
    FORM("se and co kg"), FORM("se and co kgaa"), FORM("sendirian berhad"), FORM("sia"),
    PART("simplifiee"), PART("sirketi"), FORM("sjsc"), FORM("ska"), FORM("sl"), FORM("slu"),
    FORM("snc"), FORM("sociedad anonima"), FORM("sociedad limitada"), FORM("sociedade anonima"),
    FORM("societa a responsabilita limitata"), FORM("societa per azioni"),
    FORM("societe a responsabilite limitee"), FORM("societe anonyme"),
    FORM("societe par actions simplifiee"), FORM("sp j"), FORM("sp k"), FORM("sp z oo"),
    FORM("spa"), FORM("spol s ro"), FORM("spolka akcyjna"), FORM("spolka z oo"), FORM("sprl"),
    FORM("srl"), FORM("srls"), FORM("sro"), PART("sti"), PART("stock company"), FORM("tas"),
    FORM("tbk"), FORM("turk anonim sirketi"), PART("u co kg"), FORM("uab"), FORM("ug"),
    FORM("ug haftungsbeschrankt"), FORM("ulc"), PART("und co kg"), PART("vennootschap"),
    FORM("vof"), FORM("youxian gongsi"), FORM("yugen kaisha"), PART("z oo"), FORM("zao"),
    FORM("zrt"),
};

/*
 * Forms written before the name (PT Astra, OOO Yandex). Kept short: a prefix
 * is stripped from the start of any name, so only forms that are rarely the
 * first word of a real name belong here.
 */
static const keyed_form prefix_forms[] = {
    FORM("ao"), FORM("cjsc"), PART("closed"), PART("closed joint"), PART("closed joint stock"),
    FORM("closed joint stock company"), PART("cong"), FORM("cong ty"), PART("cong ty co"),
    FORM("cong ty co phan"), FORM("cong ty cp"), FORM("cong ty tnhh"), FORM("ctcp"),
    PART("joint"), PART("joint stock"), FORM("joint stock company"), FORM("jsc"),
    PART("kabushiki"), FORM("kabushiki kaisha"), FORM("kabushikigaisha"), FORM("nao"),
    FORM("oao"), FORM("ojsc"), FORM("ooo"), PART("open"), PART("open joint"),
    PART("open joint stock"), FORM("open joint stock company"), FORM("pao"), FORM("pjsc"),
    FORM("pt"), PART("public"), PART("public joint"), PART("public joint stock"),
    FORM("public joint stock company"), FORM("zao"),
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* strcmp order between a length-delimited fragment and a table entry. */
static int compare_fragment(const char *s, size_t len, const keyed_form *f)
{
    int c = (unsigned char)s[0] - (unsigned char)f->text[0];

    if (c != 0)
        return c;
    c = memcmp(s, f->text, len < f->len ? len : f->len);
    if (c != 0)
        return c;
    return len < f->len ? -1 : len > f->len ? 1 : 0;
}

static l2a_form_match table_match(const keyed_form *table, size_t count, const char *s, size_t len)
{
    size_t lo = 0, hi = count;

    if (len == 0 || len > L2A_LEGAL_FORM_MAX_BYTES)
        return L2A_FORM_NONE;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_fragment(s, len, &table[mid]);
        if (c == 0)
            return table[mid].whole ? L2A_FORM_WHOLE : L2A_FORM_PART;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return L2A_FORM_NONE;
}

l2a_form_match l2a_legal_form_suffix_match(const char *s, size_t len)
{
    return table_match(suffix_forms, COUNT_OF(suffix_forms), s, len);
}

l2a_form_match l2a_legal_form_prefix_match(const char *s, size_t len)
{
    return table_match(prefix_forms, COUNT_OF(prefix_forms), s, len);
}

bool l2a_legal_form_is_suffix(const char *s, size_t len)
{
    return l2a_legal_form_suffix_match(s, len) == L2A_FORM_WHOLE;
}

static bool is_letter(char c)
{
    return c >= 'a' && c <= 'z';
}

/* How many leading bytes a and b share, up to n. */
static size_t common_prefix(const char *a, const char *b, size_t n)
{
    size_t i = 0;

    while (i < n && a[i] == b[i])
        i++;
    return i;
}

/* f is t with one byte dropped. */
static bool is_deletion(const char *t, size_t len, const char *f)
{
    size_t p = common_prefix(t, f, len - 1);

    return memcmp(t + p + 1, f + p, len - 1 - p) == 0;
}

/* f is t with a letter added. */
static bool is_insertion(const char *t, size_t len, const char *f)
{
    size_t p = common_prefix(t, f, len);

    return is_letter(f[p]) && memcmp(f + p + 1, t + p, len - p) == 0;
}

/* f is t with one byte replaced by a letter, or two neighbours swapped. */
static bool is_replacement_or_swap(const char *t, size_t len, const char *f)
{
    size_t p = common_prefix(t, f, len);

    if (p == len)
        return false;
    if (memcmp(t + p + 1, f + p + 1, len - p - 1) == 0)
        return is_letter(f[p]);
    return p + 1 < len && f[p] == t[p + 1] && f[p + 1] == t[p] &&
           memcmp(t + p + 2, f + p + 2, len - p - 2) == 0;
}

/*
 * One pass over the table instead of looking up every one-edit variant of
 * the token (some 60 look-ups per letter): this runs for every person.
 */
bool l2a_legal_form_is_typo(const char *t, size_t len)
{
    size_t i;

    if (len < 4 || len > L2A_LEGAL_FORM_MAX_BYTES || l2a_legal_form_is_suffix(t, len))
        return false;
    for (i = 0; i < COUNT_OF(suffix_forms); i++) {
        const keyed_form *f = &suffix_forms[i];

        if (!f->whole || f->len > L2A_LEGAL_FORM_MAX_BYTES || f->len + 1 < len || f->len > len + 1)
            continue;
        /*
         * Both are at least three bytes long: one edit leaves the first byte
         * or the last one as it was, which most forms fail at once.
         */
        if (t[0] != f->text[0] && t[len - 1] != f->text[f->len - 1])
            continue;
        if ((f->len + 1 == len && is_deletion(t, len, f->text)) ||
            (f->len == len + 1 && is_insertion(t, len, f->text)) ||
            (f->len == len && is_replacement_or_swap(t, len, f->text)))
            return true;
    }
    return false;
}

bool l2a_legal_form_is_prefix(const char *s, size_t len)
{
    return l2a_legal_form_prefix_match(s, len) == L2A_FORM_WHOLE;
}

static size_t count_tokens(const char *s)
{
    size_t n = 1;

    for (; *s; s++)
        n += *s == ' ';
    return n;
}

/* Every shorter run of tokens at the growing end of a form must be listed. */
static bool parts_listed(const keyed_form *table, size_t count, const keyed_form *f, bool tails)
{
    size_t i;

    for (i = 1; i < f->len; i++) {
        if (f->text[i] != ' ')
            continue;
        if (tails && table_match(table, count, f->text + i + 1, f->len - i - 1) == L2A_FORM_NONE)
            return false;
        if (!tails && table_match(table, count, f->text, i) == L2A_FORM_NONE)
            return false;
    }
    return true;
}

static bool table_is_valid(const keyed_form *table, size_t count, bool tails)
{
    size_t i;

    for (i = 0; i < count; i++) {
        const keyed_form *f = &table[i];
        if (f->len != strlen(f->text) || f->len == 0 || f->len > L2A_LEGAL_FORM_MAX_BYTES)
            return false;
        if (count_tokens(f->text) > L2A_LEGAL_FORM_MAX_TOKENS)
            return false;
        if (i > 0 && strcmp(table[i - 1].text, f->text) >= 0)
            return false;
        if (!parts_listed(table, count, f, tails))
            return false;
    }
    return true;
}

bool l2a_legal_forms_valid(void)
{
    return table_is_valid(suffix_forms, COUNT_OF(suffix_forms), true) &&
           table_is_valid(prefix_forms, COUNT_OF(prefix_forms), false);
}

static size_t count_whole(const keyed_form *table, size_t count)
{
    size_t i, n = 0;

    for (i = 0; i < count; i++)
        n += table[i].whole;
    return n;
}

size_t l2a_legal_forms_count(void)
{
    return count_whole(suffix_forms, COUNT_OF(suffix_forms)) +
           count_whole(prefix_forms, COUNT_OF(prefix_forms));
}

/*
 * Native forms, written as NFKC_Casefold leaves them (it turns "ООО" into
 * "ооо", "㈱" into "(株)" and the Thai sara am into nikhahit + sara aa, so
 * "จำกัด" is spelled with escapes); a unit test checks that folding changes
 * none of them. Scripts written without spaces match anywhere
 * at the edge ("トヨタ株式会社"); scripts with spaces need a word boundary so
 * that "ао" does not eat the start of "аорта". Each form may stand at
 * either end of the name.
 */
typedef struct native_form {
    const UChar *text;
    int32_t len; /* in UTF-16 units, counted once: every name key trims */
    bool needs_boundary;
} native_form;

#define NATIVE(text, needs_boundary) \
    {text, (int32_t)(sizeof(text) / sizeof(UChar)) - 1, needs_boundary}

static const native_form native_forms[] = {
    /* Japanese */
    NATIVE(u"株式会社", false), NATIVE(u"株式會社", false), NATIVE(u"有限会社", false),
    NATIVE(u"有限會社", false), NATIVE(u"合同会社", false), NATIVE(u"合資会社", false),
    NATIVE(u"合名会社", false), NATIVE(u"(株)", false), NATIVE(u"(有)", false),
    NATIVE(u"(合)", false),
    NATIVE(u"一般社団法人", false), NATIVE(u"一般財団法人", false), NATIVE(u"公益社団法人", false),
    NATIVE(u"公益財団法人", false), NATIVE(u"学校法人", false), NATIVE(u"国立大学法人", false),
    NATIVE(u"公立大学法人", false), NATIVE(u"医療法人", false), NATIVE(u"医療法人社団", false),
    NATIVE(u"社会福祉法人", false), NATIVE(u"特定非営利活動法人", false), NATIVE(u"npo法人", false),
    NATIVE(u"独立行政法人", false),
    /* Chinese */
    NATIVE(u"股份有限公司", false), NATIVE(u"有限责任公司", false), NATIVE(u"有限責任公司", false),
    NATIVE(u"有限公司", false), NATIVE(u"股份公司", false), NATIVE(u"公司", false),
    NATIVE(u"有限合伙", false), NATIVE(u"有限合夥", false),
    /* Korean */
    NATIVE(u"주식회사", false), NATIVE(u"유한회사", false), NATIVE(u"유한책임회사", false),
    NATIVE(u"합자회사", false), NATIVE(u"합명회사", false), NATIVE(u"(주)", false),
    NATIVE(u"(유)", false),
    NATIVE(u"사단법인", false), NATIVE(u"재단법인", false), NATIVE(u"학교법인", false),
    /* Thai */
    NATIVE(u"บริษัท", false), NATIVE(u"จ\u0E4D\u0E32กัด", false), NATIVE(u"(มหาชน)", false),
    NATIVE(u"มหาชน", false), NATIVE(u"ห้างหุ้นส่วนจ\u0E4D\u0E32กัด", false),
    NATIVE(u"ห้างหุ้นส่วนสามัญ", false),
    NATIVE(u"บมจ.", false), NATIVE(u"บจก.", false),
    /* Russian, Ukrainian, Kazakh, Belarusian, Bulgarian, Serbian */
    NATIVE(u"ооо", true), NATIVE(u"оао", true), NATIVE(u"зао", true), NATIVE(u"пао", true),
    NATIVE(u"ао", true), NATIVE(u"нао", true), NATIVE(u"тоо", true), NATIVE(u"тов", true),
    NATIVE(u"пат", true), NATIVE(u"прат", true), NATIVE(u"одо", true), NATIVE(u"ад", true),
    NATIVE(u"еад", true), NATIVE(u"оод", true), NATIVE(u"еоод", true), NATIVE(u"д.о.о.", true),
    NATIVE(u"а.д.", true),
    NATIVE(u"общество с ограниченной ответственностью", true),
    NATIVE(u"публичное акционерное общество", true),
    NATIVE(u"непубличное акционерное общество", true),
    NATIVE(u"открытое акционерное общество", true),
    NATIVE(u"закрытое акционерное общество", true),
    NATIVE(u"акционерное общество", true),
    NATIVE(u"товарищество с ограниченной ответственностью", true),
    NATIVE(u"товариство з обмеженою відповідальністю", true),
    NATIVE(u"публічне акціонерне товариство", true),
    NATIVE(u"приватне акціонерне товариство", true),
    NATIVE(u"акціонерне товариство", true),
    /* Greek, Hebrew, Arabic */
    NATIVE(u"α.ε.", true), NATIVE(u"ε.π.ε.", true), NATIVE(u"ανώνυμη εταιρεία", true),
    NATIVE(u"בע\"מ", true), NATIVE(u"בע״מ", true),
    NATIVE(u"شركة", true), NATIVE(u"ش.م.م", true), NATIVE(u"ش.م.ع", true), NATIVE(u"ش.م.ب", true),
    NATIVE(u"ش.م.ك", true), NATIVE(u"ذ.م.م", true),
};

/* Supplementary characters are CJK extensions or other letters: never a boundary. */
static bool is_word_unit(UChar c)
{
    return U16_IS_SURROGATE(c) || u_isalnum(c);
}

static bool is_filler(UChar c)
{
    if (c == u'(' || c == u')')
        return false;
    return u_isUWhiteSpace(c) || u_ispunct(c) || u_iscntrl(c);
}

static bool has_word_unit(const UChar *t, int32_t b, int32_t e)
{
    for (; b < e; b++)
        if (is_word_unit(t[b]))
            return true;
    return false;
}

static void skip_fillers(const UChar *t, int32_t *b, int32_t *e)
{
    while (*b < *e && is_filler(t[*b]))
        (*b)++;
    while (*e > *b && is_filler(t[*e - 1]))
        (*e)--;
}

static int32_t longest_form_at_start(const UChar *t, int32_t b, int32_t e)
{
    int32_t best = 0;
    size_t i;

    for (i = 0; i < COUNT_OF(native_forms); i++) {
        const native_form *f = &native_forms[i];
        int32_t n = f->len;
        if (n <= best || n > e - b || t[b] != f->text[0] || u_memcmp(t + b, f->text, n) != 0)
            continue;
        if (f->needs_boundary && b + n < e && is_word_unit(t[b + n]))
            continue;
        best = n;
    }
    return best;
}

static int32_t longest_form_at_end(const UChar *t, int32_t b, int32_t e)
{
    int32_t best = 0;
    size_t i;

    for (i = 0; i < COUNT_OF(native_forms); i++) {
        const native_form *f = &native_forms[i];
        int32_t n = f->len;
        if (n <= best || n > e - b || t[e - 1] != f->text[n - 1] ||
            u_memcmp(t + e - n, f->text, n) != 0)
            continue;
        if (f->needs_boundary && e - n > b && is_word_unit(t[e - n - 1]))
            continue;
        best = n;
    }
    return best;
}

bool l2a_legal_form_trim_native(const UChar *text, int32_t *begin, int32_t *end)
{
    int32_t b = *begin, e = *end, n;
    bool stripped = false, again = true;

    while (again) {
        again = false;
        skip_fillers(text, &b, &e);
        n = longest_form_at_start(text, b, e);
        if (n > 0 && has_word_unit(text, b + n, e)) {
            b += n;
            stripped = again = true;
            continue;
        }
        n = longest_form_at_end(text, b, e);
        if (n > 0 && has_word_unit(text, b, e - n)) {
            e -= n;
            stripped = again = true;
        }
    }
    /* Without a form, the spaces and punctuation trimmed above stay put. */
    if (!stripped)
        return false;
    *begin = b;
    *end = e;
    return true;
}

bool l2a_legal_forms_native_folded(void)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *casefold = unorm2_getNFKCCasefoldInstance(&err);
    size_t i;

    for (i = 0; i < COUNT_OF(native_forms) && U_SUCCESS(err); i++)
        if (!unorm2_isNormalized(casefold, native_forms[i].text, -1, &err))
            return false;
    return U_SUCCESS(err);
}
