/* SPDX-License-Identifier: MIT */
/* The subcommands of the l2a program. Each takes the arguments after the
 * subcommand name (argv[0] is the subcommand) and returns an exit code. */
#ifndef L2A_CLI_CLI_H
#define L2A_CLI_CLI_H

int cmd_match(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_normalize(int argc, char **argv);
int cmd_domain(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_index(int argc, char **argv);

#endif
