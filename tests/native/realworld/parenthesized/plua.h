#ifndef PLUA_H
#define PLUA_H

#define PLUA_API extern
#define PLUAI_FUNC __attribute__((visibility("hidden"))) extern

typedef struct plua_State plua_State;
typedef long plua_Integer;
typedef int (*plua_CFunction)(plua_State *L);

PLUA_API plua_State *(plua_newstate)(void);
PLUA_API void (plua_close)(plua_State *L);
PLUA_API int (plua_gettop)(plua_State *L);
PLUA_API void (plua_settop)(plua_State *L, int idx);
PLUA_API void (plua_pushinteger)(plua_State *L, plua_Integer n);
PLUA_API plua_Integer (plua_tointeger)(plua_State *L, int idx);
PLUA_API int (plua_pcall)(plua_State *L, plua_CFunction f);

PLUAI_FUNC int pluaI_internal(plua_State *L);

#endif
