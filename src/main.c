/* main.c: the program is a library; this only starts it. */
#include "cli.h"

int main(int argc, char **argv)
{
    return tp_main(argc, argv);
}
