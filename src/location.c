/* SPDX-License-Identifier: MIT */
#include "location.h"

#include <stdbool.h>
#include <string.h>

/*
 * Country keys, in strcmp order for binary search (a unit test checks it):
 * every ISO 3166-1 alpha-2 and alpha-3 code and English short name, the
 * names people and data sets commonly use instead, and two codes outside
 * the current standard that data still carries (AN, the former Netherlands
 * Antilles; XK, Kosovo). Keys are canonical: lowercase ASCII tokens as
 * l2a_norm_text() writes them, without the words "the" and "and" (so
 * "Bosnia & Herzegovina" and "Bosnia and Herzegovina" meet), and with "st"
 * spelled "saint".
 */
typedef struct country_key {
    const char *key;
    const char *code;
} country_key;

static const country_key countries[] = {
    {"abw", "AW"}, {"ad", "AD"}, {"ae", "AE"}, {"af", "AF"}, {"afg", "AF"},
    {"afghanistan", "AF"}, {"ag", "AG"}, {"ago", "AO"}, {"ai", "AI"}, {"aia", "AI"},
    {"al", "AL"}, {"ala", "AX"}, {"aland", "AX"}, {"aland islands", "AX"}, {"alb", "AL"},
    {"albania", "AL"}, {"algeria", "DZ"}, {"am", "AM"}, {"america", "US"},
    {"american samoa", "AS"}, {"an", "AN"}, {"and", "AD"}, {"andorra", "AD"}, {"angola", "AO"},
    {"anguilla", "AI"}, {"ant", "AN"}, {"antarctica", "AQ"}, {"antigua", "AG"},
    {"antigua barbuda", "AG"}, {"ao", "AO"}, {"aq", "AQ"}, {"ar", "AR"}, {"are", "AE"},
    {"arg", "AR"}, {"argentina", "AR"}, {"arm", "AM"}, {"armenia", "AM"}, {"aruba", "AW"},
    {"as", "AS"}, {"asm", "AS"}, {"at", "AT"}, {"ata", "AQ"}, {"atf", "TF"}, {"atg", "AG"},
    {"au", "AU"}, {"aus", "AU"}, {"australia", "AU"}, {"austria", "AT"}, {"aut", "AT"},
    {"aw", "AW"}, {"ax", "AX"}, {"az", "AZ"}, {"aze", "AZ"}, {"azerbaijan", "AZ"}, {"ba", "BA"},
    {"bahamas", "BS"}, {"bahrain", "BH"}, {"bangladesh", "BD"}, {"barbados", "BB"},
    {"bb", "BB"}, {"bd", "BD"}, {"bdi", "BI"}, {"be", "BE"}, {"bel", "BE"}, {"belarus", "BY"},
    {"belgie", "BE"}, {"belgique", "BE"}, {"belgium", "BE"}, {"belize", "BZ"}, {"ben", "BJ"},
    {"benin", "BJ"}, {"bermuda", "BM"}, {"bes", "BQ"}, {"bf", "BF"}, {"bfa", "BF"},
    {"bg", "BG"}, {"bgd", "BD"}, {"bgr", "BG"}, {"bh", "BH"}, {"bhr", "BH"}, {"bhs", "BS"},
    {"bhutan", "BT"}, {"bi", "BI"}, {"bih", "BA"}, {"bj", "BJ"}, {"bl", "BL"}, {"blm", "BL"},
    {"blr", "BY"}, {"blz", "BZ"}, {"bm", "BM"}, {"bmu", "BM"}, {"bn", "BN"}, {"bo", "BO"},
    {"bol", "BO"}, {"bolivarian republic of venezuela", "VE"}, {"bolivia", "BO"},
    {"bolivia plurinational state of", "BO"}, {"bonaire", "BQ"},
    {"bonaire sint eustatius saba", "BQ"}, {"bosnia", "BA"}, {"bosnia herzegovina", "BA"},
    {"botswana", "BW"}, {"bouvet island", "BV"}, {"bq", "BQ"}, {"br", "BR"}, {"bra", "BR"},
    {"brasil", "BR"}, {"brazil", "BR"}, {"brb", "BB"}, {"britain", "GB"},
    {"british indian ocean territory", "IO"}, {"british virgin islands", "VG"}, {"brn", "BN"},
    {"brunei", "BN"}, {"brunei darussalam", "BN"}, {"bs", "BS"}, {"bt", "BT"}, {"btn", "BT"},
    {"bulgaria", "BG"}, {"burkina faso", "BF"}, {"burma", "MM"}, {"burundi", "BI"},
    {"bv", "BV"}, {"bvt", "BV"}, {"bw", "BW"}, {"bwa", "BW"}, {"by", "BY"}, {"bz", "BZ"},
    {"ca", "CA"}, {"cabo verde", "CV"}, {"caf", "CF"}, {"cambodia", "KH"}, {"cameroon", "CM"},
    {"can", "CA"}, {"canada", "CA"}, {"cape verde", "CV"}, {"caribbean netherlands", "BQ"},
    {"cayman islands", "KY"}, {"cc", "CC"}, {"cck", "CC"}, {"cd", "CD"},
    {"central african republic", "CF"}, {"cf", "CF"}, {"cg", "CG"}, {"ch", "CH"},
    {"chad", "TD"}, {"che", "CH"}, {"chile", "CL"}, {"china", "CN"},
    {"china peoples republic of", "CN"}, {"chinese taipei", "TW"}, {"chl", "CL"}, {"chn", "CN"},
    {"christmas island", "CX"}, {"ci", "CI"}, {"civ", "CI"}, {"ck", "CK"}, {"cl", "CL"},
    {"cm", "CM"}, {"cmr", "CM"}, {"cn", "CN"}, {"co", "CO"}, {"cocos islands", "CC"},
    {"cocos keeling islands", "CC"}, {"cod", "CD"}, {"cog", "CG"}, {"cok", "CK"}, {"col", "CO"},
    {"colombia", "CO"}, {"com", "KM"}, {"comoros", "KM"}, {"congo", "CG"},
    {"congo brazzaville", "CG"}, {"congo democratic republic", "CD"},
    {"congo democratic republic of", "CD"}, {"congo kinshasa", "CD"},
    {"congo republic of", "CG"}, {"cook islands", "CK"}, {"costa rica", "CR"},
    {"cote d ivoire", "CI"}, {"cote divoire", "CI"}, {"cpv", "CV"}, {"cr", "CR"}, {"cri", "CR"},
    {"croatia", "HR"}, {"cu", "CU"}, {"cub", "CU"}, {"cuba", "CU"}, {"curacao", "CW"},
    {"cuw", "CW"}, {"cv", "CV"}, {"cw", "CW"}, {"cx", "CX"}, {"cxr", "CX"}, {"cy", "CY"},
    {"cym", "KY"}, {"cyp", "CY"}, {"cyprus", "CY"}, {"cz", "CZ"}, {"cze", "CZ"},
    {"czech republic", "CZ"}, {"czechia", "CZ"}, {"danmark", "DK"}, {"de", "DE"},
    {"democratic peoples republic of korea", "KP"}, {"democratic republic of congo", "CD"},
    {"denmark", "DK"}, {"deu", "DE"}, {"deutschland", "DE"}, {"dj", "DJ"}, {"dji", "DJ"},
    {"djibouti", "DJ"}, {"dk", "DK"}, {"dm", "DM"}, {"dma", "DM"}, {"dnk", "DK"}, {"do", "DO"},
    {"dom", "DO"}, {"dominica", "DM"}, {"dominican republic", "DO"}, {"dprk", "KP"},
    {"dr congo", "CD"}, {"drc", "CD"}, {"dz", "DZ"}, {"dza", "DZ"}, {"east timor", "TL"},
    {"ec", "EC"}, {"ecu", "EC"}, {"ecuador", "EC"}, {"ee", "EE"}, {"eg", "EG"}, {"egy", "EG"},
    {"egypt", "EG"}, {"eh", "EH"}, {"eire", "IE"}, {"el salvador", "SV"}, {"emirates", "AE"},
    {"england", "GB"}, {"equatorial guinea", "GQ"}, {"er", "ER"}, {"eri", "ER"},
    {"eritrea", "ER"}, {"es", "ES"}, {"esh", "EH"}, {"esp", "ES"}, {"espana", "ES"},
    {"est", "EE"}, {"estonia", "EE"}, {"eswatini", "SZ"}, {"et", "ET"}, {"eth", "ET"},
    {"ethiopia", "ET"}, {"falkland islands", "FK"}, {"falkland islands malvinas", "FK"},
    {"faroe islands", "FO"}, {"faroes", "FO"}, {"federated states of micronesia", "FM"},
    {"fi", "FI"}, {"fiji", "FJ"}, {"fin", "FI"}, {"finland", "FI"}, {"fj", "FJ"}, {"fji", "FJ"},
    {"fk", "FK"}, {"flk", "FK"}, {"fm", "FM"}, {"fo", "FO"}, {"fr", "FR"}, {"fra", "FR"},
    {"france", "FR"}, {"french guiana", "GF"}, {"french polynesia", "PF"},
    {"french southern territories", "TF"}, {"fro", "FO"}, {"fsm", "FM"}, {"fyrom", "MK"},
    {"ga", "GA"}, {"gab", "GA"}, {"gabon", "GA"}, {"gambia", "GM"}, {"gb", "GB"}, {"gbr", "GB"},
    {"gd", "GD"}, {"ge", "GE"}, {"geo", "GE"}, {"georgia", "GE"}, {"germany", "DE"},
    {"gf", "GF"}, {"gg", "GG"}, {"ggy", "GG"}, {"gh", "GH"}, {"gha", "GH"}, {"ghana", "GH"},
    {"gi", "GI"}, {"gib", "GI"}, {"gibraltar", "GI"}, {"gin", "GN"}, {"gl", "GL"},
    {"glp", "GP"}, {"gm", "GM"}, {"gmb", "GM"}, {"gn", "GN"}, {"gnb", "GW"}, {"gnq", "GQ"},
    {"gp", "GP"}, {"gq", "GQ"}, {"gr", "GR"}, {"grc", "GR"}, {"grd", "GD"},
    {"great britain", "GB"}, {"greece", "GR"}, {"greenland", "GL"}, {"grenada", "GD"},
    {"grl", "GL"}, {"gs", "GS"}, {"gt", "GT"}, {"gtm", "GT"}, {"gu", "GU"},
    {"guadeloupe", "GP"}, {"guam", "GU"}, {"guatemala", "GT"}, {"guernsey", "GG"},
    {"guf", "GF"}, {"guinea", "GN"}, {"guinea bissau", "GW"}, {"gum", "GU"}, {"guy", "GY"},
    {"guyana", "GY"}, {"gw", "GW"}, {"gy", "GY"}, {"haiti", "HT"},
    {"heard island mcdonald islands", "HM"}, {"hk", "HK"}, {"hkg", "HK"}, {"hm", "HM"},
    {"hmd", "HM"}, {"hn", "HN"}, {"hnd", "HN"}, {"holland", "NL"}, {"holy see", "VA"},
    {"holy see vatican city state", "VA"}, {"honduras", "HN"}, {"hong kong", "HK"},
    {"hong kong china", "HK"}, {"hong kong sar", "HK"}, {"hong kong sar china", "HK"},
    {"hongkong", "HK"}, {"hr", "HR"}, {"hrv", "HR"}, {"hrvatska", "HR"}, {"ht", "HT"},
    {"hti", "HT"}, {"hu", "HU"}, {"hun", "HU"}, {"hungary", "HU"}, {"iceland", "IS"},
    {"id", "ID"}, {"idn", "ID"}, {"ie", "IE"}, {"il", "IL"}, {"im", "IM"}, {"imn", "IM"},
    {"in", "IN"}, {"ind", "IN"}, {"india", "IN"}, {"indonesia", "ID"}, {"io", "IO"},
    {"iot", "IO"}, {"iq", "IQ"}, {"ir", "IR"}, {"iran", "IR"},
    {"iran islamic republic of", "IR"}, {"iraq", "IQ"}, {"ireland", "IE"}, {"irl", "IE"},
    {"irn", "IR"}, {"irq", "IQ"}, {"is", "IS"}, {"isl", "IS"},
    {"islamic republic of iran", "IR"}, {"isle of man", "IM"}, {"isr", "IL"}, {"israel", "IL"},
    {"it", "IT"}, {"ita", "IT"}, {"italia", "IT"}, {"italy", "IT"}, {"ivory coast", "CI"},
    {"jam", "JM"}, {"jamaica", "JM"}, {"japan", "JP"}, {"je", "JE"}, {"jersey", "JE"},
    {"jey", "JE"}, {"jm", "JM"}, {"jo", "JO"}, {"jor", "JO"}, {"jordan", "JO"}, {"jp", "JP"},
    {"jpn", "JP"}, {"kaz", "KZ"}, {"kazakhstan", "KZ"}, {"ke", "KE"}, {"ken", "KE"},
    {"kenya", "KE"}, {"kg", "KG"}, {"kgz", "KG"}, {"kh", "KH"}, {"khm", "KH"}, {"ki", "KI"},
    {"kir", "KI"}, {"kiribati", "KI"}, {"km", "KM"}, {"kn", "KN"}, {"kna", "KN"}, {"kor", "KR"},
    {"korea", "KR"}, {"korea democratic peoples republic of", "KP"}, {"korea north", "KP"},
    {"korea rep", "KR"}, {"korea republic of", "KR"}, {"korea south", "KR"}, {"kosovo", "XK"},
    {"kp", "KP"}, {"kr", "KR"}, {"ksa", "SA"}, {"kuwait", "KW"}, {"kw", "KW"}, {"kwt", "KW"},
    {"ky", "KY"}, {"kyrgyz republic", "KG"}, {"kyrgyzstan", "KG"}, {"kz", "KZ"}, {"la", "LA"},
    {"lao", "LA"}, {"lao pdr", "LA"}, {"lao peoples democratic republic", "LA"}, {"laos", "LA"},
    {"latvia", "LV"}, {"lb", "LB"}, {"lbn", "LB"}, {"lbr", "LR"}, {"lby", "LY"}, {"lc", "LC"},
    {"lca", "LC"}, {"lebanon", "LB"}, {"lesotho", "LS"}, {"li", "LI"}, {"liberia", "LR"},
    {"libya", "LY"}, {"libyan arab jamahiriya", "LY"}, {"lie", "LI"}, {"liechtenstein", "LI"},
    {"lithuania", "LT"}, {"lk", "LK"}, {"lka", "LK"}, {"lr", "LR"}, {"ls", "LS"}, {"lso", "LS"},
    {"lt", "LT"}, {"ltu", "LT"}, {"lu", "LU"}, {"lux", "LU"}, {"luxembourg", "LU"},
    {"lv", "LV"}, {"lva", "LV"}, {"ly", "LY"}, {"ma", "MA"}, {"mac", "MO"}, {"macao", "MO"},
    {"macao sar", "MO"}, {"macao sar china", "MO"}, {"macau", "MO"}, {"macau sar", "MO"},
    {"macedonia", "MK"}, {"macedonia former yugoslav republic of", "MK"}, {"madagascar", "MG"},
    {"maf", "MF"}, {"mainland china", "CN"}, {"malawi", "MW"}, {"malaysia", "MY"},
    {"maldives", "MV"}, {"mali", "ML"}, {"malta", "MT"}, {"mar", "MA"},
    {"marshall islands", "MH"}, {"martinique", "MQ"}, {"mauritania", "MR"}, {"mauritius", "MU"},
    {"mayotte", "YT"}, {"mc", "MC"}, {"mco", "MC"}, {"md", "MD"}, {"mda", "MD"}, {"mdg", "MG"},
    {"mdv", "MV"}, {"me", "ME"}, {"mex", "MX"}, {"mexico", "MX"}, {"mf", "MF"}, {"mg", "MG"},
    {"mh", "MH"}, {"mhl", "MH"}, {"micronesia", "FM"}, {"micronesia federated states of", "FM"},
    {"mk", "MK"}, {"mkd", "MK"}, {"ml", "ML"}, {"mli", "ML"}, {"mlt", "MT"}, {"mm", "MM"},
    {"mmr", "MM"}, {"mn", "MN"}, {"mne", "ME"}, {"mng", "MN"}, {"mnp", "MP"}, {"mo", "MO"},
    {"moldova", "MD"}, {"moldova republic of", "MD"}, {"monaco", "MC"}, {"mongolia", "MN"},
    {"montenegro", "ME"}, {"montserrat", "MS"}, {"morocco", "MA"}, {"moz", "MZ"},
    {"mozambique", "MZ"}, {"mp", "MP"}, {"mq", "MQ"}, {"mr", "MR"}, {"mrt", "MR"}, {"ms", "MS"},
    {"msr", "MS"}, {"mt", "MT"}, {"mtq", "MQ"}, {"mu", "MU"}, {"mus", "MU"}, {"mv", "MV"},
    {"mw", "MW"}, {"mwi", "MW"}, {"mx", "MX"}, {"my", "MY"}, {"myanmar", "MM"}, {"mys", "MY"},
    {"myt", "YT"}, {"mz", "MZ"}, {"na", "NA"}, {"nam", "NA"}, {"namibia", "NA"},
    {"nauru", "NR"}, {"nc", "NC"}, {"ncl", "NC"}, {"ne", "NE"}, {"nederland", "NL"},
    {"nepal", "NP"}, {"ner", "NE"}, {"netherlands", "NL"}, {"netherlands antilles", "AN"},
    {"netherlands kingdom of", "NL"}, {"new caledonia", "NC"}, {"new zealand", "NZ"},
    {"nf", "NF"}, {"nfk", "NF"}, {"ng", "NG"}, {"nga", "NG"}, {"ni", "NI"}, {"nic", "NI"},
    {"nicaragua", "NI"}, {"niger", "NE"}, {"nigeria", "NG"}, {"nippon", "JP"}, {"niu", "NU"},
    {"niue", "NU"}, {"nl", "NL"}, {"nld", "NL"}, {"no", "NO"}, {"nor", "NO"},
    {"norfolk island", "NF"}, {"norge", "NO"}, {"north korea", "KP"}, {"north macedonia", "MK"},
    {"northern ireland", "GB"}, {"northern mariana islands", "MP"}, {"norway", "NO"},
    {"np", "NP"}, {"npl", "NP"}, {"nr", "NR"}, {"nru", "NR"}, {"nu", "NU"}, {"nz", "NZ"},
    {"nzl", "NZ"}, {"om", "OM"}, {"oman", "OM"}, {"omn", "OM"}, {"osterreich", "AT"},
    {"pa", "PA"}, {"pak", "PK"}, {"pakistan", "PK"}, {"palau", "PW"}, {"palestine", "PS"},
    {"palestine state of", "PS"}, {"palestinian territories", "PS"},
    {"palestinian territory occupied", "PS"}, {"pan", "PA"}, {"panama", "PA"},
    {"papua new guinea", "PG"}, {"paraguay", "PY"}, {"pcn", "PN"}, {"pe", "PE"},
    {"peoples republic of china", "CN"}, {"per", "PE"}, {"peru", "PE"}, {"pf", "PF"},
    {"pg", "PG"}, {"ph", "PH"}, {"philippines", "PH"}, {"phl", "PH"}, {"pitcairn", "PN"},
    {"pitcairn islands", "PN"}, {"pk", "PK"}, {"pl", "PL"},
    {"plurinational state of bolivia", "BO"}, {"plw", "PW"}, {"pm", "PM"}, {"pn", "PN"},
    {"png", "PG"}, {"pol", "PL"}, {"poland", "PL"}, {"polska", "PL"}, {"portugal", "PT"},
    {"pr", "PR"}, {"prc", "CN"}, {"pri", "PR"}, {"prk", "KP"}, {"prt", "PT"}, {"pry", "PY"},
    {"ps", "PS"}, {"pse", "PS"}, {"pt", "PT"}, {"puerto rico", "PR"}, {"pw", "PW"},
    {"py", "PY"}, {"pyf", "PF"}, {"qa", "QA"}, {"qat", "QA"}, {"qatar", "QA"}, {"re", "RE"},
    {"republic of china", "TW"}, {"republic of congo", "CG"}, {"republic of ireland", "IE"},
    {"republic of korea", "KR"}, {"republic of moldova", "MD"},
    {"republic of north macedonia", "MK"}, {"reu", "RE"}, {"reunion", "RE"}, {"ro", "RO"},
    {"romania", "RO"}, {"rou", "RO"}, {"rs", "RS"}, {"rsa", "ZA"}, {"ru", "RU"}, {"rus", "RU"},
    {"russia", "RU"}, {"russian federation", "RU"}, {"rw", "RW"}, {"rwa", "RW"},
    {"rwanda", "RW"}, {"sa", "SA"}, {"saint barthelemy", "BL"}, {"saint helena", "SH"},
    {"saint helena ascension tristan da cunha", "SH"}, {"saint kitts nevis", "KN"},
    {"saint lucia", "LC"}, {"saint martin", "MF"}, {"saint martin french part", "MF"},
    {"saint pierre miquelon", "PM"}, {"saint vincent grenadines", "VC"}, {"samoa", "WS"},
    {"san marino", "SM"}, {"sao tome principe", "ST"}, {"sau", "SA"}, {"saudi arabia", "SA"},
    {"sb", "SB"}, {"sc", "SC"}, {"schweiz", "CH"}, {"scotland", "GB"}, {"sd", "SD"},
    {"sdn", "SD"}, {"se", "SE"}, {"sen", "SN"}, {"senegal", "SN"}, {"serbia", "RS"},
    {"seychelles", "SC"}, {"sg", "SG"}, {"sgp", "SG"}, {"sgs", "GS"}, {"sh", "SH"},
    {"shn", "SH"}, {"si", "SI"}, {"sierra leone", "SL"}, {"singapore", "SG"},
    {"sint maarten", "SX"}, {"sint maarten dutch part", "SX"}, {"sj", "SJ"}, {"sjm", "SJ"},
    {"sk", "SK"}, {"sl", "SL"}, {"slb", "SB"}, {"sle", "SL"}, {"slovak republic", "SK"},
    {"slovakia", "SK"}, {"slovenia", "SI"}, {"slv", "SV"}, {"sm", "SM"}, {"smr", "SM"},
    {"sn", "SN"}, {"so", "SO"}, {"solomon islands", "SB"}, {"som", "SO"}, {"somalia", "SO"},
    {"south africa", "ZA"}, {"south georgia south sandwich islands", "GS"},
    {"south korea", "KR"}, {"south sudan", "SS"}, {"spain", "ES"}, {"spm", "PM"}, {"sr", "SR"},
    {"srb", "RS"}, {"sri lanka", "LK"}, {"ss", "SS"}, {"ssd", "SS"}, {"st", "ST"},
    {"state of palestine", "PS"}, {"stp", "ST"}, {"sudan", "SD"}, {"suisse", "CH"},
    {"suomi", "FI"}, {"sur", "SR"}, {"surinam", "SR"}, {"suriname", "SR"}, {"sv", "SV"},
    {"svalbard jan mayen", "SJ"}, {"sverige", "SE"}, {"svk", "SK"}, {"svn", "SI"},
    {"swaziland", "SZ"}, {"swe", "SE"}, {"sweden", "SE"}, {"switzerland", "CH"}, {"swz", "SZ"},
    {"sx", "SX"}, {"sxm", "SX"}, {"sy", "SY"}, {"syc", "SC"}, {"syr", "SY"}, {"syria", "SY"},
    {"syrian arab republic", "SY"}, {"sz", "SZ"}, {"taiwan", "TW"},
    {"taiwan province of china", "TW"}, {"taiwan roc", "TW"}, {"tajikistan", "TJ"},
    {"tanzania", "TZ"}, {"tanzania united republic of", "TZ"}, {"tc", "TC"}, {"tca", "TC"},
    {"tcd", "TD"}, {"td", "TD"}, {"tf", "TF"}, {"tg", "TG"}, {"tgo", "TG"}, {"th", "TH"},
    {"tha", "TH"}, {"thailand", "TH"}, {"timor leste", "TL"}, {"tj", "TJ"}, {"tjk", "TJ"},
    {"tk", "TK"}, {"tkl", "TK"}, {"tkm", "TM"}, {"tl", "TL"}, {"tls", "TL"}, {"tm", "TM"},
    {"tn", "TN"}, {"to", "TO"}, {"togo", "TG"}, {"tokelau", "TK"}, {"ton", "TO"},
    {"tonga", "TO"}, {"tr", "TR"}, {"trinidad tobago", "TT"}, {"tt", "TT"}, {"tto", "TT"},
    {"tun", "TN"}, {"tunisia", "TN"}, {"tur", "TR"}, {"turkey", "TR"}, {"turkiye", "TR"},
    {"turkmenistan", "TM"}, {"turks caicos islands", "TC"}, {"tuv", "TV"}, {"tuvalu", "TV"},
    {"tv", "TV"}, {"tw", "TW"}, {"twn", "TW"}, {"tz", "TZ"}, {"tza", "TZ"}, {"ua", "UA"},
    {"uae", "AE"}, {"ug", "UG"}, {"uga", "UG"}, {"uganda", "UG"}, {"uk", "GB"}, {"ukr", "UA"},
    {"ukraine", "UA"}, {"um", "UM"}, {"umi", "UM"}, {"united arab emirates", "AE"},
    {"united kingdom", "GB"}, {"united kingdom of great britain northern ireland", "GB"},
    {"united republic of tanzania", "TZ"}, {"united states", "US"},
    {"united states minor outlying islands", "UM"}, {"united states of america", "US"},
    {"united states virgin islands", "VI"}, {"uruguay", "UY"}, {"ury", "UY"}, {"us", "US"},
    {"us of a", "US"}, {"us virgin islands", "VI"}, {"usa", "US"}, {"uy", "UY"}, {"uz", "UZ"},
    {"uzb", "UZ"}, {"uzbekistan", "UZ"}, {"va", "VA"}, {"vanuatu", "VU"}, {"vat", "VA"},
    {"vatican", "VA"}, {"vatican city", "VA"}, {"vatican city state", "VA"}, {"vc", "VC"},
    {"vct", "VC"}, {"ve", "VE"}, {"ven", "VE"}, {"venezuela", "VE"},
    {"venezuela bolivarian republic of", "VE"}, {"vg", "VG"}, {"vgb", "VG"}, {"vi", "VI"},
    {"viet nam", "VN"}, {"vietnam", "VN"}, {"vir", "VI"}, {"virgin islands british", "VG"},
    {"virgin islands us", "VI"}, {"vn", "VN"}, {"vnm", "VN"}, {"vu", "VU"}, {"vut", "VU"},
    {"wales", "GB"}, {"wallis futuna", "WF"}, {"western sahara", "EH"}, {"wf", "WF"},
    {"wlf", "WF"}, {"ws", "WS"}, {"wsm", "WS"}, {"xk", "XK"}, {"xkx", "XK"}, {"ye", "YE"},
    {"yem", "YE"}, {"yemen", "YE"}, {"yt", "YT"}, {"za", "ZA"}, {"zaf", "ZA"}, {"zambia", "ZM"},
    {"zimbabwe", "ZW"}, {"zm", "ZM"}, {"zmb", "ZM"}, {"zw", "ZW"}, {"zwe", "ZW"},
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Longer keys cannot be countries ("united kingdom of great britain ..." is 48 bytes). */
#define COUNTRY_KEY_MAX 96
#define COUNTRY_TOKENS_MAX 16

typedef struct token {
    const char *p;
    size_t len;
} token;

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char lower(unsigned char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

/* Splits at anything but letters and digits, so raw "U.K" still finds a way in. */
static size_t split_tokens(const char *s, size_t len, token *toks)
{
    size_t i = 0, n = 0;

    while (i < len) {
        size_t start;
        while (i < len && !is_alnum((unsigned char)s[i]))
            i++;
        if (i == len)
            break;
        if (n == COUNTRY_TOKENS_MAX)
            return 0;
        start = i;
        while (i < len && is_alnum((unsigned char)s[i]))
            i++;
        toks[n].p = s + start;
        toks[n].len = i - start;
        n++;
    }
    return n;
}

static bool token_is_ci(const token *t, const char *word)
{
    size_t i;

    if (t->len != strlen(word))
        return false;
    for (i = 0; i < t->len; i++)
        if (lower((unsigned char)t->p[i]) != word[i])
            return false;
    return true;
}

/* The canonical form of the table above, into buf; 0 when it cannot be a country. */
static size_t canonical_key(const char *s, size_t len, char *buf)
{
    token toks[COUNTRY_TOKENS_MAX];
    size_t n = split_tokens(s, len, toks), i, j, out = 0;

    for (i = 0; i < n; i++) {
        const token *t = &toks[i];
        const char *word = t->p;
        size_t wlen = t->len;

        if (n > 1 && (token_is_ci(t, "the") || token_is_ci(t, "and")))
            continue;
        if (i + 1 < n && token_is_ci(t, "st")) {
            word = "saint";
            wlen = 5;
        }
        if (out + (out > 0) + wlen >= COUNTRY_KEY_MAX)
            return 0;
        if (out > 0)
            buf[out++] = ' ';
        for (j = 0; j < wlen; j++)
            buf[out++] = lower((unsigned char)word[j]);
    }
    return out;
}

static int compare_key(const char *s, size_t len, const char *key)
{
    size_t klen = strlen(key);
    int c = memcmp(s, key, len < klen ? len : klen);

    if (c != 0)
        return c;
    return len < klen ? -1 : len > klen ? 1 : 0;
}

const char *l2a_loc_country_code(const char *key, size_t len)
{
    char buf[COUNTRY_KEY_MAX];
    size_t n, lo = 0, hi = COUNT_OF(countries);

    if (!key)
        return NULL;
    n = canonical_key(key, len, buf);
    if (n == 0)
        return NULL;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_key(buf, n, countries[mid].key);
        if (c == 0)
            return countries[mid].code;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

bool l2a_loc_table_sorted(void)
{
    size_t i;

    for (i = 1; i < COUNT_OF(countries); i++)
        if (strcmp(countries[i - 1].key, countries[i].key) >= 0)
            return false;
    return true;
}

/* ---- phone numbers ---- */

/* E.164 allows 15 digits; room for a national prefix and an extension typed without a marker. */
#define PHONE_DIGITS_MAX 24
#define PHONE_DIGITS_MIN 6

/*
 * The ASCII character at s[i] (full-width digits and plus, common in
 * Japanese and Chinese data, read as their ASCII forms), and its byte count.
 */
static size_t phone_char(const char *s, size_t len, size_t i, char *c)
{
    const unsigned char *p = (const unsigned char *)s + i;

    if (len - i >= 3 && p[0] == 0xEF && p[1] == 0xBC) {
        if (p[2] >= 0x90 && p[2] <= 0x99) {
            *c = (char)('0' + (p[2] - 0x90));
            return 3;
        }
        if (p[2] == 0x8B) {
            *c = '+';
            return 3;
        }
    }
    *c = (char)p[0];
    return 1;
}

/* After the first digit, a letter ("ext", "x"), comma, semicolon or "#" starts an extension. */
static bool ends_number(char c)
{
    return is_alnum((unsigned char)c) || c == ',' || c == ';' || c == '#';
}

/* "+44 (0)20 ..." writes the national trunk prefix that international dialling leaves out. */
static bool is_trunk_zero(const char *s, size_t len, size_t i)
{
    return len - i >= 3 && memcmp(s + i, "(0)", 3) == 0;
}

size_t l2a_loc_phone_key(const char *phone, size_t len, char *out, size_t cap)
{
    char digits[PHONE_DIGITS_MAX];
    size_t i = 0, n = 0, skip = 0;
    bool plus = false;

    if (!out || cap == 0)
        return 0;
    out[0] = '\0';
    if (!phone)
        return 0;
    while (i < len && n < PHONE_DIGITS_MAX) {
        char c;
        size_t step = phone_char(phone, len, i, &c);
        bool international = plus || (n >= 2 && digits[0] == '0' && digits[1] == '0');

        if (c >= '0' && c <= '9')
            digits[n++] = c;
        else if (c == '+' && n == 0)
            plus = true;
        else if (n > 0 && international && is_trunk_zero(phone, len, i))
            step = 3;
        else if (n > 0 && ends_number(c))
            break;
        i += step;
    }
    if (!plus && n >= 2 && digits[0] == '0' && digits[1] == '0')
        skip = 2;
    n -= skip;
    if (n > cap - 1)
        n = cap - 1;
    if (n < PHONE_DIGITS_MIN)
        return 0;
    memcpy(out, digits + skip, n);
    out[n] = '\0';
    return n;
}
