#include "plua.h"

#include <stdlib.h>

struct plua_State {
    int top;
    plua_Integer stack[64];
};

PLUA_API plua_State *(plua_newstate)(void)
{
    return (plua_State *)calloc(1, sizeof(plua_State));
}

PLUA_API void (plua_close)(plua_State *L)
{
    free(L);
}

PLUA_API int (plua_gettop)(plua_State *L)
{
    return L->top;
}

PLUA_API void (plua_settop)(plua_State *L, int idx)
{
    L->top = idx;
}

PLUA_API void (plua_pushinteger)(plua_State *L, plua_Integer n)
{
    L->stack[L->top++] = n;
}

PLUA_API plua_Integer (plua_tointeger)(plua_State *L, int idx)
{
    return L->stack[idx - 1];
}

PLUAI_FUNC int pluaI_internal(plua_State *L)
{
    return L->top * 2;
}

PLUA_API int (plua_pcall)(plua_State *L, plua_CFunction f)
{
    return f(L) + pluaI_internal(L) * 0;
}
