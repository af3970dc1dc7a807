/* SPDX-License-Identifier: MIT */
/* l2a: the lead-to-account command. Dispatches to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "atomic-file.h"
#include "cli.h"
#include "l2a.h"
#include "util.h"

static const char usage[] =
    "Usage: l2a COMMAND [OPTION]...\n"
    "Match B2B leads (persons) to the accounts (companies) they work for.\n"
    "\n"
    "Commands:\n"
    "  match      match a persons table against an accounts table\n"
    "  explain    show how one person is matched, feature by feature\n"
    "  normalize  print the normalized company-name key of each text\n"
    "  domain     print the registrable domain of each email, URL or host\n"
    "  train      fit a model on persons with known accounts and write it\n"
    "  eval       measure precision, recall and calibration on a labelled set\n"
    "  index      build the matcher once and save it as a snapshot (index build)\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the library version and exit\n"
    "\n"
    "'l2a COMMAND --help' describes a command.\n"
    "\n"
    "Exit status: 0 success, 1 success with rejected rows, 2 usage error,\n"
    "3 unreadable input or missing required column, 4 output not written,\n"
    "5 internal or library error.\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"match", cmd_match},
    {"explain", cmd_explain},
    {"normalize", cmd_normalize},
    {"domain", cmd_domain},
    {"train", cmd_train},
    {"eval", cmd_eval},
    {"index", cmd_index},
};

int main(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error(NULL, "missing command");
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0 ||
        strcmp(command, "help") == 0) {
        fputs(usage, stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(command, "--version") == 0 || strcmp(command, "-V") == 0) {
        printf("l2a %s\n", l2a_version());
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(command, commands[i].name) == 0) {
            atomic_files_init();
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    return cli_usage_error(NULL, "unknown command '%s'", command);
}
