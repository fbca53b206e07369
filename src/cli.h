/* cli.h: the program's commands. main() only calls tp_main(). */
#ifndef TP_CLI_H
#define TP_CLI_H

#define TP_VERSION "0.1.0"

int tp_main(int argc, char **argv);

#endif
