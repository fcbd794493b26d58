/* main.c: placeholder until the command-line front end lands. */
int main(void)
{
	return 0;
}
