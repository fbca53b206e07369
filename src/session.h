/* session.h: the interactive question-and-answer session. */
#ifndef TP_SESSION_H
#define TP_SESSION_H

/* Runs `tptriage [session] [--show-ids] [--kb DIR]`. Returns an exit code. */
int tp_session_main(int argc, char **argv);

#endif
