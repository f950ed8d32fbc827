/* A parameter list split by #ifdef: Defines choose the branch, and the binding follows the compiler. */
#ifdef WIDE_INDEX
long long ifs_index(long long row, long long column, long long stride)
#else
int ifs_index(int row, int column)
#endif
{
#ifdef WIDE_INDEX
    return row * stride + column;
#else
    return row * 100 + column;
#endif
}
