import TidingsUI
