#ifndef ZMINI_H
#define ZMINI_H

#define FAR
#define ZEXPORT
#define ZEXTERN extern
#define OF(args) args

typedef unsigned char Byte;
typedef Byte FAR Bytef;
typedef unsigned long uLong;
typedef void FAR *voidpf;

ZEXTERN uLong ZEXPORT zmini_checksum OF((uLong seed, const Bytef FAR *buf, unsigned len));
ZEXTERN int ZEXPORT zmini_fill OF((Bytef FAR *dest, unsigned len, int value));
ZEXTERN voidpf ZEXPORT zmini_offset OF((voidpf base, unsigned bytes));

#endif
