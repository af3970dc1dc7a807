/* SPDX-License-Identifier: MIT */
/*
 * The free-mail and disposable provider tables. Written by hand from
 * general knowledge of the providers people sign up with; they only need to
 * hold the providers that matter for B2B leads, not every throwaway domain,
 * and a host can extend them with l2a_dom_add_freemail().
 *
 * The tables are fixed-width rows rather than pointer arrays so that they
 * need no relocations in the shared library, and they stay sorted in
 * strcmp() order for bsearch(); tests/test-domain.c checks the order.
 */
#include "freemail.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "alloc.h"
#include "l2a.h"

typedef char provider_name[L2A_FREEMAIL_NAME_MAX + 1];

/* Mailbox providers anyone can sign up with: a lead there says nothing about an employer. */
static const provider_name freemail_names[] = {
    "126.com", "139.com", "163.com", "189.cn", "21cn.com", "abv.bg", "accountant.com",
    "aim.com", "alice.it", "aliceadsl.fr", "aliyun.com", "ameritech.net", "aol.co.uk",
    "aol.com", "aol.de", "aol.fr", "aon.at", "arcor.de", "arnet.com.ar", "asia.com", "atlas.cz",
    "att.net", "autorambler.ru", "azet.sk", "bbox.fr", "bell.net", "bellsouth.net",
    "biglobe.ne.jp", "bigmir.net", "bigpond.com", "bigpond.net.au", "bk.ru", "bluewin.ch",
    "blueyonder.co.uk", "bol.com.br", "btinternet.com", "btopenworld.com", "casema.nl",
    "centrum.cz", "centrum.sk", "centurylink.net", "charter.net", "chello.at", "chello.nl",
    "citromail.hu", "clear.net.nz", "club-internet.fr", "cogeco.ca", "comcast.net",
    "consultant.com", "countermail.com", "cox.net", "daum.net", "dir.bg", "disroot.org",
    "docomo.ne.jp", "duck.com", "earthlink.net", "eastlink.ca", "email.com", "email.cz",
    "email.de", "email.it", "embarqmail.com", "engineer.com", "europe.com", "excite.com",
    "ezweb.ne.jp", "fastmail.com", "fastmail.fm", "fastwebnet.it", "fibertel.com.ar",
    "foxmail.com", "free.fr", "freemail.hu", "freenet.de", "frontier.com", "gazeta.pl",
    "globo.com", "globomail.com", "gmail.com", "gmx.at", "gmx.ch", "gmx.co.uk", "gmx.com",
    "gmx.de", "gmx.es", "gmx.fr", "gmx.net", "gmx.us", "googlemail.com", "hanmail.net",
    "hetnet.nl", "hey.com", "home.nl", "hot.ee", "hotmail.at", "hotmail.be", "hotmail.ca",
    "hotmail.ch", "hotmail.cl", "hotmail.co.id", "hotmail.co.il", "hotmail.co.in",
    "hotmail.co.jp", "hotmail.co.kr", "hotmail.co.nz", "hotmail.co.th", "hotmail.co.uk",
    "hotmail.co.za", "hotmail.com", "hotmail.com.ar", "hotmail.com.au", "hotmail.com.br",
    "hotmail.com.hk", "hotmail.com.tr", "hotmail.com.tw", "hotmail.com.vn", "hotmail.cz",
    "hotmail.de", "hotmail.dk", "hotmail.es", "hotmail.fi", "hotmail.fr", "hotmail.gr",
    "hotmail.hu", "hotmail.ie", "hotmail.it", "hotmail.jp", "hotmail.lt", "hotmail.lv",
    "hotmail.my", "hotmail.nl", "hotmail.no", "hotmail.ph", "hotmail.rs", "hotmail.se",
    "hotmail.sg", "hotmail.sk", "hush.com", "hushmail.com", "i.softbank.jp", "i.ua",
    "icloud.com", "ig.com.br", "iinet.net.au", "iname.com", "inbox.com", "inbox.lt", "inbox.lv",
    "inbox.ru", "indamail.hu", "indiatimes.com", "interia.eu", "interia.pl", "internet.ru",
    "internode.on.net", "inwind.it", "iol.it", "juno.com", "kakao.com", "kpnmail.nl",
    "laposte.net", "lavabit.com", "lenta.ru", "libero.it", "list.ru", "live.at", "live.be",
    "live.ca", "live.ch", "live.cl", "live.cn", "live.co.kr", "live.co.uk", "live.co.za",
    "live.com", "live.com.ar", "live.com.au", "live.com.mx", "live.com.my", "live.com.ph",
    "live.com.pt", "live.com.sg", "live.de", "live.dk", "live.fi", "live.fr", "live.hk",
    "live.ie", "live.in", "live.it", "live.jp", "live.nl", "live.no", "live.ru", "live.se",
    "lycos.com", "mac.com", "mail.bg", "mail.com", "mail.ee", "mail.ru", "mail.ua",
    "mailbox.org", "mailfence.com", "maktoob.com", "me.com", "meta.ua", "mindspring.com",
    "movistar.es", "msn.com", "mweb.co.za", "mynet.com", "myrambler.ru", "myself.com",
    "nate.com", "naver.com", "netzero.net", "neuf.fr", "nifty.com", "noos.fr", "ntlworld.com",
    "numericable.fr", "o2.pl", "ocn.ne.jp", "oi.com.br", "onet.eu", "onet.pl", "online.de",
    "online.no", "op.pl", "optonline.net", "optusnet.com.au", "orange.fr", "orange.net",
    "otenet.gr", "outlook.at", "outlook.be", "outlook.cl", "outlook.co.id", "outlook.co.il",
    "outlook.co.nz", "outlook.co.th", "outlook.com", "outlook.com.ar", "outlook.com.au",
    "outlook.com.br", "outlook.com.gr", "outlook.com.tr", "outlook.com.vn", "outlook.cz",
    "outlook.de", "outlook.dk", "outlook.es", "outlook.fr", "outlook.hu", "outlook.ie",
    "outlook.in", "outlook.it", "outlook.jp", "outlook.kr", "outlook.lv", "outlook.my",
    "outlook.ph", "outlook.pt", "outlook.sa", "outlook.sg", "outlook.sk", "pacbell.net",
    "paradise.net.nz", "passmail.net", "passport.com", "planet.nl", "pm.me", "poczta.fm",
    "poczta.onet.pl", "post.com", "post.cz", "post.sk", "posteo.de", "posteo.net",
    "privaterelay.appleid.com", "prodigy.net", "prodigy.net.mx", "proton.me", "protonmail.ch",
    "protonmail.com", "qq.com", "r7.com", "rambler.ru", "rediffmail.com", "riseup.net", "ro.ru",
    "roadrunner.com", "rocketmail.com", "rogers.com", "rr.com", "runbox.com", "sbcglobal.net",
    "seznam.cz", "sfr.fr", "shaw.ca", "sina.cn", "sina.com", "sina.com.cn", "singnet.com.sg",
    "sky.com", "skynet.be", "so-net.ne.jp", "softbank.ne.jp", "sohu.com", "speedy.com.ar",
    "startmail.com", "swbell.net", "sympatico.ca", "t-online.de", "talktalk.net", "techie.com",
    "telefonica.net", "telenet.be", "telkomsa.net", "telus.net", "terra.com.br", "terra.es",
    "tim.it", "tin.it", "tiscali.co.uk", "tiscali.it", "tlen.pl", "tom.com", "tpg.com.au",
    "tut.by", "tuta.com", "tuta.io", "tutamail.com", "tutanota.com", "tutanota.de", "ukr.net",
    "uol.com.br", "usa.com", "usa.net", "verizon.net", "videotron.ca", "virgilio.it",
    "virgin.net", "virginmedia.com", "vodafonemail.de", "vodamail.co.za", "voila.fr",
    "volny.cz", "vp.pl", "walla.co.il", "walla.com", "wanadoo.co.uk", "wanadoo.fr", "web.de",
    "webmail.co.za", "westnet.com.au", "windowslive.com", "windstream.net", "workmail.com",
    "wp.pl", "writeme.com", "xs4all.nl", "xtra.co.nz", "ya.ru", "yahoo.at", "yahoo.be",
    "yahoo.ca", "yahoo.ch", "yahoo.cl", "yahoo.cn", "yahoo.co.id", "yahoo.co.il", "yahoo.co.in",
    "yahoo.co.jp", "yahoo.co.kr", "yahoo.co.nz", "yahoo.co.th", "yahoo.co.uk", "yahoo.co.za",
    "yahoo.com", "yahoo.com.ar", "yahoo.com.au", "yahoo.com.br", "yahoo.com.cn", "yahoo.com.co",
    "yahoo.com.eg", "yahoo.com.hk", "yahoo.com.mx", "yahoo.com.my", "yahoo.com.pe",
    "yahoo.com.ph", "yahoo.com.sa", "yahoo.com.sg", "yahoo.com.tr", "yahoo.com.tw",
    "yahoo.com.ve", "yahoo.com.vn", "yahoo.cz", "yahoo.de", "yahoo.dk", "yahoo.es", "yahoo.fi",
    "yahoo.fr", "yahoo.gr", "yahoo.ie", "yahoo.in", "yahoo.it", "yahoo.nl", "yahoo.no",
    "yahoo.pl", "yahoo.ro", "yahoo.se", "yandex.by", "yandex.com", "yandex.kz", "yandex.ru",
    "yandex.ua", "yeah.net", "ymail.com", "ziggo.nl", "zipmail.com.br", "zoho.com",
    "zohomail.com", "zohomail.in", "zoznam.sk",
};

/* Throwaway inboxes: a lead there is not a real contact at all. */
static const provider_name disposable_names[] = {
    "10mail.org", "10minutemail.com", "10minutemail.net", "20minutemail.com", "33mail.com",
    "anonbox.net", "armyspy.com", "binkmail.com", "bobmail.info", "burnermail.io",
    "chammy.info", "cool.fr.nf", "correotemporal.org", "crazymailing.com", "cuvox.de",
    "dayrep.com", "deadaddress.com", "devnullmail.com", "discard.email", "discardmail.com",
    "discardmail.de", "dispostable.com", "dodgeit.com", "dodgit.com", "dropmail.me",
    "e4ward.com", "einrot.com", "emailfake.com", "emailondeck.com", "emailtemporario.com.br",
    "fakeinbox.com", "fakemail.net", "fakemailgenerator.com", "fleckens.hu", "getairmail.com",
    "getnada.com", "grr.la", "guerrillamail.biz", "guerrillamail.com", "guerrillamail.de",
    "guerrillamail.info", "guerrillamail.net", "guerrillamail.org", "guerrillamailblock.com",
    "gustr.com", "harakirimail.com", "inboxkitten.com", "incognitomail.org", "jetable.org",
    "jourrapide.com", "kasmail.com", "letthemeatspam.com", "mail.tm", "mailcatch.com",
    "maildrop.cc", "mailexpire.com", "mailforspam.com", "mailin8r.com", "mailinator.com",
    "mailinator.net", "mailinator.org", "mailinator2.com", "mailmetrash.com", "mailnesia.com",
    "mailnull.com", "mailpoof.com", "mailsac.com", "mailtemp.info", "meltmail.com",
    "mintemail.com", "moakt.com", "mohmal.com", "mytemp.email", "mytrashmail.com",
    "notmailinator.com", "nowmymail.com", "objectmail.com", "pokemail.net", "pookmail.com",
    "proxymail.eu", "rcpt.at", "reallymymail.com", "reconmail.com", "rhyta.com",
    "safetymail.info", "sendspamhere.com", "sharklasers.com", "sneakemail.com", "sogetthis.com",
    "spam4.me", "spamavert.com", "spambob.com", "spambog.com", "spambox.us", "spamday.com",
    "spamfree24.org", "spamgourmet.com", "spamhereplease.com", "spaml.com", "spamobox.com",
    "spamthisplease.com", "streetwisemail.com", "superrito.com", "suremail.info", "teleworm.us",
    "temp-mail.io", "temp-mail.org", "tempail.com", "tempemail.net", "tempinbox.com",
    "tempmail.com", "tempmail.net", "tempmailaddress.com", "tempmailo.com", "tempomail.fr",
    "temporaryemail.net", "temporaryinbox.com", "tempr.email", "thisisnotmyrealemail.com",
    "throwawaymail.com", "tmpmail.net", "tmpmail.org", "tradermail.info", "trash-mail.com",
    "trashmail.com", "trashmail.de", "trashmail.io", "trashmail.me", "trashmail.net",
    "trashmail.ws", "veryrealemail.com", "wegwerfmail.de", "wegwerfmail.net", "wh4f.org",
    "willselfdestruct.com", "yopmail.com", "yopmail.fr", "yopmail.net", "zippymail.info",
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static int compare_name(const void *key, const void *row)
{
    return strcmp((const char *)key, (const char *)row);
}

static bool table_holds(const provider_name *table, size_t count, const char *domain)
{
    return bsearch(domain, table, count, sizeof table[0], compare_name) != NULL;
}

l2a_domain_kind l2a_freemail_builtin_kind(const char *domain)
{
    if (!domain || strlen(domain) > L2A_FREEMAIL_NAME_MAX)
        return L2A_DOMAIN_ORDINARY;
    if (table_holds(disposable_names, COUNT_OF(disposable_names), domain))
        return L2A_DOMAIN_DISPOSABLE;
    if (table_holds(freemail_names, COUNT_OF(freemail_names), domain))
        return L2A_DOMAIN_FREEMAIL;
    return L2A_DOMAIN_ORDINARY;
}

size_t l2a_freemail_builtin_count(l2a_domain_kind kind)
{
    switch (kind) {
    case L2A_DOMAIN_FREEMAIL:
        return COUNT_OF(freemail_names);
    case L2A_DOMAIN_DISPOSABLE:
        return COUNT_OF(disposable_names);
    case L2A_DOMAIN_ORDINARY:
    default:
        return 0;
    }
}

const char *l2a_freemail_builtin_at(l2a_domain_kind kind, size_t i)
{
    if (i >= l2a_freemail_builtin_count(kind))
        return NULL;
    return kind == L2A_DOMAIN_FREEMAIL ? freemail_names[i] : disposable_names[i];
}

/* ---- domains added at run time ---- */

/* offset_plus1 == 0 marks an empty slot, so a zeroed table is an empty one. */
struct l2a_freemail_slot {
    uint32_t hash;
    uint32_t offset_plus1;
};

#define MIN_SLOTS 16

static uint32_t hash_name(const char *s, size_t len)
{
    return (uint32_t)XXH3_64bits(s, len);
}

void l2a_freemail_set_init(l2a_freemail_set *s)
{
    memset(s, 0, sizeof *s);
}

void l2a_freemail_set_free(l2a_freemail_set *s)
{
    if (!s)
        return;
    l2a_free(s->names);
    l2a_free(s->slots);
    l2a_freemail_set_init(s);
}

static bool slot_names(const l2a_freemail_set *s, const struct l2a_freemail_slot *slot,
                       const char *domain, size_t len)
{
    const char *stored = s->names + slot->offset_plus1 - 1;

    /* strncmp stops at the stored NUL, so a shorter stored name is never over-read. */
    return strncmp(stored, domain, len) == 0 && stored[len] == '\0';
}

static struct l2a_freemail_slot *find_slot(const l2a_freemail_set *s, uint32_t hash,
                                           const char *domain, size_t len)
{
    size_t mask = s->slot_count - 1;
    size_t i = hash & mask;

    for (;;) {
        struct l2a_freemail_slot *slot = &s->slots[i];
        if (slot->offset_plus1 == 0)
            return slot;
        if (slot->hash == hash && slot_names(s, slot, domain, len))
            return slot;
        i = (i + 1) & mask;
    }
}

bool l2a_freemail_set_contains(const l2a_freemail_set *s, const char *domain, size_t len)
{
    if (!s || s->count == 0 || !domain)
        return false;
    return find_slot(s, hash_name(domain, len), domain, len)->offset_plus1 != 0;
}

static void place_slot(struct l2a_freemail_slot *slots, size_t slot_count,
                       struct l2a_freemail_slot slot)
{
    size_t mask = slot_count - 1;
    size_t i = slot.hash & mask;

    while (slots[i].offset_plus1 != 0)
        i = (i + 1) & mask;
    slots[i] = slot;
}

/* Keeps the load at or under 3/4 so that probing stays short. */
static int reserve_slot(l2a_freemail_set *s)
{
    struct l2a_freemail_slot *grown;
    size_t grown_count, i;

    if (s->slot_count && (s->count + 1) * 4 <= s->slot_count * 3)
        return L2A_OK;
    if (s->slot_count > SIZE_MAX / 2 / sizeof *grown)
        return L2A_ERR_NOMEM;
    grown_count = s->slot_count ? s->slot_count * 2 : MIN_SLOTS;
    grown = l2a_calloc(grown_count, sizeof *grown);
    if (!grown)
        return L2A_ERR_NOMEM;
    for (i = 0; i < s->slot_count; i++)
        if (s->slots[i].offset_plus1 != 0)
            place_slot(grown, grown_count, s->slots[i]);
    l2a_free(s->slots);
    s->slots = grown;
    s->slot_count = grown_count;
    return L2A_OK;
}

static int append_name(l2a_freemail_set *s, const char *domain, size_t len, uint32_t *offset_plus1)
{
    size_t need = s->names_len + len + 1;

    /* Offsets are stored in 32 bits to keep each slot at 8 bytes. */
    if (len >= UINT32_MAX || need >= UINT32_MAX)
        return L2A_ERR_NOMEM;
    if (need > s->names_cap) {
        size_t cap = s->names_cap ? s->names_cap : 256;
        char *grown;
        while (cap < need)
            cap *= 2;
        grown = l2a_realloc(s->names, cap);
        if (!grown)
            return L2A_ERR_NOMEM;
        s->names = grown;
        s->names_cap = cap;
    }
    memcpy(s->names + s->names_len, domain, len);
    s->names[s->names_len + len] = '\0';
    *offset_plus1 = (uint32_t)s->names_len + 1;
    s->names_len = need;
    return L2A_OK;
}

int l2a_freemail_set_add(l2a_freemail_set *s, const char *domain, size_t len)
{
    struct l2a_freemail_slot slot;
    int rc;

    if (l2a_freemail_set_contains(s, domain, len))
        return L2A_OK;
    rc = reserve_slot(s);
    if (rc != L2A_OK)
        return rc;
    slot.hash = hash_name(domain, len);
    rc = append_name(s, domain, len, &slot.offset_plus1);
    if (rc != L2A_OK)
        return rc;
    place_slot(s->slots, s->slot_count, slot);
    s->count++;
    return L2A_OK;
}
