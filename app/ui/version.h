/* The program's version, shown by --version and on the admin panel. */
#ifndef QF_UI_VERSION_H
#define QF_UI_VERSION_H

#ifndef QF_VERSION
#define QF_VERSION "0.2.0"
#endif

#endif
