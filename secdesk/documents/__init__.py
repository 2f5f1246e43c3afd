"""The classified document: a meeting and a level become neutral blocks for the writers."""
